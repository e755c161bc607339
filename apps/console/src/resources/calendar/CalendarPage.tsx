import { Alert, Button, Card, CardContent, CardHeader, Chip, Divider, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { DubanDataProvider } from '../../providers/dataProvider';

interface Year {
  year: number;
  source: string;
}

interface Day {
  date: string;
  kind: 'holiday' | 'workday';
  name?: string;
}

const LINE = /^(\d{4}-\d{2}-\d{2})(?:\s*[~～至-]\s*(\d{4}-\d{2}-\d{2}))?\s*(.*)$/;

/**
 * The State Council notice as the admin types it: one line per holiday range (`2027-10-01~2027-10-07 国庆节`)
 * or make-up working day (`2027-09-26 国庆节调休`). Returns the days, or the first line it cannot read.
 */
function parseNoticeLines(text: string, kind: Day['kind']): { days: Day[] } | { bad: { line: number; text: string } } {
  const days: Day[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const m = LINE.exec(line);
    const from = m ? new Date(`${m[1]}T00:00:00Z`) : null;
    const to = m ? new Date(`${m[2] ?? m[1]}T00:00:00Z`) : null;
    if (
      !m ||
      !from ||
      !to ||
      Number.isNaN(from.getTime()) ||
      Number.isNaN(to.getTime()) ||
      to < from ||
      to.getTime() - from.getTime() > 31 * 86_400_000
    )
      return { bad: { line: i + 1, text: line } };
    const name = m[3].trim() || undefined;
    for (let d = from; d <= to; d = new Date(d.getTime() + 86_400_000)) days.push({ date: d.toISOString().slice(0, 10), kind, name });
  }
  return { days };
}

/** Adding a year from the State Council's notice: its holidays and make-up working days (PUT /api/calendar/:year). */
const StateCouncilForm = ({ year, onDone }: { year: number; onDone: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const [holidays, setHolidays] = useState('');
  const [workdays, setWorkdays] = useState('');
  const h = parseNoticeLines(holidays, 'holiday');
  const w = parseNoticeLines(workdays, 'workday');
  const bad = 'bad' in h ? h.bad : 'bad' in w ? w.bad : null;
  const days = 'days' in h && 'days' in w ? [...h.days, ...w.days] : [];
  const { mutate, isPending } = useMutation({
    mutationFn: () => dataProvider.postJson(`calendar/${year}`, { source: 'state-council', days }, 'PUT'),
    onSuccess: () => {
      notify('duban.calendar_notice.added', { type: 'success', messageArgs: { year } });
      onDone();
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  return (
    <Stack spacing={2} sx={{ maxWidth: 640 }} data-testid="state-council-form">
      <Typography variant="subtitle1">{translate('duban.calendar_notice.title', { year })}</Typography>
      <TextField
        multiline
        minRows={4}
        label={translate('duban.calendar_notice.holidays')}
        value={holidays}
        onChange={(e) => setHolidays(e.target.value)}
        slotProps={{ htmlInput: { 'data-testid': 'notice-holidays' } }}
      />
      <TextField
        multiline
        minRows={2}
        label={translate('duban.calendar_notice.workdays')}
        value={workdays}
        onChange={(e) => setWorkdays(e.target.value)}
        slotProps={{ htmlInput: { 'data-testid': 'notice-workdays' } }}
      />
      {bad ? (
        <Alert severity="error">{translate('duban.calendar_notice.bad_line', { line: bad.line, text: bad.text })}</Alert>
      ) : (
        <Typography variant="body2" color="text.secondary" data-testid="notice-preview">
          {translate('duban.calendar_notice.preview', {
            holidays: days.filter((d) => d.kind === 'holiday').length,
            workdays: days.filter((d) => d.kind === 'workday').length,
          })}
        </Typography>
      )}
      <Button
        variant="contained"
        disabled={isPending || !!bad || days.length === 0}
        onClick={() => mutate()}
        data-testid="add-state-council"
      >
        {translate('duban.calendar_notice.submit', { year })}
      </Button>
    </Stack>
  );
};

/** The calendar's years, and adding the next one from the State Council's notice or as weekends-only. */
const CalendarPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const { data } = useQuery({ queryKey: ['calendar', 'years'], queryFn: () => dataProvider.getJson<Year[]>('calendar/years') });
  const last = data?.length ? Math.max(...data.map((y) => y.year)) : null;
  const next = last ? last + 1 : null;
  const { mutate, isPending } = useMutation({
    mutationFn: () => dataProvider.postJson(`calendar/${next}`, { source: 'weekends-only' }, 'PUT'),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['calendar'] }),
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('duban.menu.calendar')} />
      <CardHeader title={translate('duban.menu.calendar')} />
      <CardContent>
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, mb: 2 }}>
          {(data ?? []).map((y) => (
            <Chip
              key={y.year}
              label={`${y.year} · ${y.source === 'weekends-only' ? translate('duban.calendar.weekends_only') : translate('duban.calendar.state_council')}`}
              variant={y.source === 'weekends-only' ? 'outlined' : 'filled'}
            />
          ))}
        </Stack>
        {next && (
          <>
            <Alert severity="info" sx={{ mb: 2 }}>
              {translate('duban.calendar.warning', { year: next })}
            </Alert>
            <StateCouncilForm year={next} onDone={() => void queryClient.invalidateQueries({ queryKey: ['calendar'] })} />
            <Divider sx={{ my: 2 }} />
            <Button variant="outlined" disabled={isPending} onClick={() => mutate()} data-testid="add-weekends-only">
              {translate('duban.action.create_next_year', { year: next })} · {translate('duban.calendar.weekends_only')}
            </Button>
          </>
        )}
      </CardContent>
    </Card>
  );
};

export default CalendarPage;

import { Alert, Button, Card, CardContent, CardHeader, Chip, Stack } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Title, useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { DubanDataProvider } from '../../providers/dataProvider';

interface Year {
  year: number;
  source: string;
}

/** The calendar's years, and adding the next one as weekends-only (a State Council year comes with its days). */
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
            <Button variant="contained" disabled={isPending} onClick={() => mutate()}>
              {translate('duban.action.create_next_year', { year: next })} · {translate('duban.calendar.weekends_only')}
            </Button>
          </>
        )}
      </CardContent>
    </Card>
  );
};

export default CalendarPage;

import { Alert, Box, Button, Card, CardContent, CardHeader, Grid, TextField, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Title, useDataProvider, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { formatDay } from '../../components/format';
import type { DubanDataProvider } from '../../providers/dataProvider';
import { useClock } from '../../layout/useClock';

type Settings = Record<string, unknown>;

/** The demo clock: the admin moves the business day (only when the server runs with a fixed day). */
const Clock = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const data = useClock();
  const [today, setToday] = useState('');
  useEffect(() => setToday(data?.today ?? ''), [data?.today]);
  const { mutate, isPending } = useMutation({
    mutationFn: () => dataProvider.postJson('settings/clock', { today }, 'PUT'),
    onSuccess: () => {
      notify('duban.action.clock_moved', { type: 'success', messageArgs: { date: formatDay(today, locale) } });
      void queryClient.invalidateQueries();
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  if (!data) return null;
  return (
    <Card sx={{ mb: 2 }}>
      <CardHeader
        title={translate('duban.action.move_clock')}
        subheader={translate('duban.today', { date: formatDay(data.today, locale) })}
      />
      {data.fixed && (
        <CardContent sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
          <TextField
            type="date"
            size="small"
            value={today}
            onChange={(e) => setToday(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'clock-date' } }}
          />
          <Button variant="contained" disabled={isPending || !today} onClick={() => mutate()} data-testid="move-clock">
            {translate('duban.action.move_clock')}
          </Button>
        </CardContent>
      )}
    </Card>
  );
};

/** Every setting the API returns, as number or list fields grouped by section; saved with the version read. */
const SettingsForm = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const { data } = useQuery({ queryKey: ['settings'], queryFn: () => dataProvider.getJson<Settings>('settings') });
  const [draft, setDraft] = useState<Settings | null>(null);
  useEffect(() => setDraft(data ?? null), [data]);
  const { mutate, isPending, error } = useMutation({
    mutationFn: () => dataProvider.postJson('settings', draft, 'PUT'),
    onSuccess: () => {
      notify('ra.notification.updated', { type: 'success', messageArgs: { smart_count: 1 } });
      void queryClient.invalidateQueries({ queryKey: ['settings'] });
    },
    onError: (e: Error) => notify(e.message, { type: 'error' }),
  });
  if (!draft) return null;
  const set = (path: string[], value: unknown) => {
    const next = structuredClone(draft);
    let node = next as Record<string, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[path[path.length - 1]] = value;
    setDraft(next);
  };
  const field = (path: string[], value: unknown) => {
    const label = translate(`duban.settings.${path.join('.')}`, { _: path.join('.') });
    if (Array.isArray(value))
      return (
        <TextField
          size="small"
          fullWidth
          label={label}
          value={value.join(', ')}
          onChange={(e) =>
            set(
              path,
              e.target.value
                .split(/[,，\s]+/)
                .filter(Boolean)
                .map(Number),
            )
          }
        />
      );
    return (
      <TextField
        size="small"
        fullWidth
        type="number"
        label={label}
        value={String(value)}
        onChange={(e) => set(path, Number(e.target.value))}
      />
    );
  };
  const sections = Object.entries(draft).filter(([key]) => key !== 'version');
  return (
    <Card>
      <CardHeader title={translate('duban.menu.settings')} />
      <CardContent>
        {sections.map(([key, value]) => (
          <Box key={key} sx={{ mb: 3 }}>
            <Typography variant="subtitle2" sx={{ mb: 1 }}>
              {translate(`duban.settings.${key}`, { _: key })}
            </Typography>
            <Grid container spacing={2}>
              {value && typeof value === 'object' && !Array.isArray(value) ? (
                Object.entries(value as Record<string, unknown>).map(([k, v]) => (
                  <Grid key={k} size={{ xs: 12, sm: 6, md: 3 }}>
                    {field([key, k], v)}
                  </Grid>
                ))
              ) : (
                <Grid size={{ xs: 12, sm: 6, md: 3 }}>{field([key], value)}</Grid>
              )}
            </Grid>
          </Box>
        ))}
        {error && <Alert severity="error">{error.message}</Alert>}
        <Button variant="contained" disabled={isPending} onClick={() => mutate()}>
          {translate('ra.action.save')}
        </Button>
      </CardContent>
    </Card>
  );
};

const SettingsPage = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('duban.menu.settings')} />
      <Clock />
      <SettingsForm />
    </Box>
  );
};

export default SettingsPage;

import { Box, Chip, Tooltip, Typography } from '@mui/material';
import { useLocaleState, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { formatDay, formatInstant } from './format';

type Row = Record<string, unknown>;
/** Field props for fields that read fixed properties (`source` only labels the column). */
type OwnFieldProps = Omit<FieldProps, 'source'> & { source?: string };

/** A date or instant field, written 2025年9月28日. */
export const DayField = ({ source, time = false }: FieldProps & { source: string; time?: boolean }) => {
  const record = useRecordContext<Row>();
  const [locale] = useLocaleState();
  const value = record?.[source] as string | null | undefined;
  if (!value) return <span>—</span>;
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {time ? formatInstant(value, locale) : formatDay(value, locale)}
    </Typography>
  );
};

/** A code translated through one of the catalogue's groups (`duban.reportStatus`, `duban.reportCycle`… from libs/domain’s labels). */
export const CodeField = ({ source, group }: FieldProps & { source: string; group: string }) => {
  const record = useRecordContext<Row>();
  const translate = useTranslate();
  const value = record?.[source];
  if (value === null || value === undefined || value === '') return <span>—</span>;
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {translate(`duban.${group}.${String(value)}`, { _: String(value) })}
    </Typography>
  );
};

const REPORT_COLORS: Record<string, 'default' | 'info' | 'warning' | 'success' | 'error' | 'primary'> = {
  draft: 'default',
  submitted: 'info',
  confirmed: 'primary',
  approved: 'success',
  accepted: 'success',
  returned: 'error',
};

export const ReportStatusField = (_props: OwnFieldProps) => {
  const record = useRecordContext<Row>();
  const translate = useTranslate();
  const status = record?.status as string | undefined;
  if (!status) return null;
  return (
    <Chip
      size="small"
      color={REPORT_COLORS[status] ?? 'default'}
      variant={status === 'draft' ? 'outlined' : 'filled'}
      label={translate(`duban.reportStatus.${status}`)}
      data-testid="report-status"
    />
  );
};

const LIGHT_COLORS = { green: '#2e7d32', yellow: '#f9a825', red: '#c62828' } as const;
type Light = keyof typeof LIGHT_COLORS;

/**
 * 红黄绿灯: the API's `light` as a coloured badge with its `lightReason` in words
 * (the console never computes a light itself).
 */
export const LightBadge = ({ withReason = false }: OwnFieldProps & { withReason?: boolean }) => {
  const record = useRecordContext<Row>();
  const translate = useTranslate();
  const light = record?.light as Light | undefined;
  const reason = (record?.lightReason as string | undefined) ?? '';
  if (!light || !(light in LIGHT_COLORS)) {
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        {translate('duban.light.none')}
      </Typography>
    );
  }
  const badge = (
    <Chip
      size="small"
      label={translate(`duban.light.${light}`)}
      data-testid="light"
      data-light={light}
      sx={{ bgcolor: LIGHT_COLORS[light], color: light === 'yellow' ? '#000' : '#fff', fontWeight: 600 }}
    />
  );
  if (!withReason) return <Tooltip title={reason}>{badge}</Tooltip>;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
      {badge}
      <Typography component="span" variant="body2" data-testid="light-reason">
        {reason}
      </Typography>
    </Box>
  );
};

/** Progress as a number with a thin bar. */
export const ProgressField = ({ source = 'progress' }: OwnFieldProps) => {
  const record = useRecordContext<Row>();
  const value = Number(record?.[source] ?? 0);
  return (
    <Box sx={{ minWidth: 64 }}>
      <Typography component="span" variant="body2">
        {value}%
      </Typography>
      <Box sx={{ height: 4, bgcolor: 'action.hover', borderRadius: 2 }}>
        <Box sx={{ width: `${Math.min(100, value)}%`, height: 4, bgcolor: 'primary.main', borderRadius: 2 }} />
      </Box>
    </Box>
  );
};

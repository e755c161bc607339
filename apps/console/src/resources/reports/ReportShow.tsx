import { subject } from '@casl/ability';
import { Alert, Box, Card, CardContent, CardHeader, Grid, Typography } from '@mui/material';
import { isReportEditable, type ReportStatus } from '@duban/domain';
import {
  EditButton,
  Labeled,
  ReferenceField,
  Show,
  TextField,
  useLocaleState,
  useRecordContext,
  useTranslate,
  FunctionField,
} from 'react-admin';
import { DayField, ProgressField, ReportStatusField } from '../../components/fields';
import { formatInstant } from '../../components/format';
import { useAbility } from '../../providers/ability';
import { EvidencePanel } from './EvidencePanel';
import { WorkflowButtons } from './WorkflowButtons';

type Row = Record<string, unknown>;

interface HistoryRow {
  id: string;
  action: string;
  fromStatus: string;
  toStatus: string;
  actorName: string | null;
  comment: string | null;
  at: string;
}

/** A returned report says why at the top: the comment of its latest return. */
export const ReturnedReason = () => {
  const record = useRecordContext<Row>();
  const translate = useTranslate();
  if (record?.status !== 'returned') return null;
  const history = (record.history as HistoryRow[] | undefined) ?? [];
  const last = [...history].reverse().find((h) => h.action === 'return');
  return (
    <Alert severity="error" sx={{ mb: 2 }} data-testid="returned-reason">
      {translate('duban.report.returned_reason', { reason: last?.comment ?? '' })}
      {last?.actorName ? `（${last.actorName}）` : ''}
    </Alert>
  );
};

export const History = () => {
  const record = useRecordContext<Row>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const history = (record?.history as HistoryRow[] | undefined) ?? [];
  if (history.length === 0) return null;
  return (
    <Card variant="outlined" sx={{ mb: 2 }}>
      <CardHeader title={translate('duban.report.history')} />
      <CardContent sx={{ pt: 0 }}>
        {history.map((h) => (
          <Typography key={h.id} variant="body2" sx={{ mb: 0.5 }}>
            {formatInstant(h.at, locale)} · {h.actorName ?? ''} · {translate(`duban.action.${h.action}`, { _: h.action })} →{' '}
            {translate(`duban.reportStatus.${h.toStatus}`, { _: h.toStatus })}
            {h.comment ? `：${h.comment}` : ''}
          </Typography>
        ))}
      </CardContent>
    </Card>
  );
};

const Body = () => {
  const record = useRecordContext<Row>();
  const translate = useTranslate();
  const ability = useAbility();
  if (!record) return null;
  const editable = isReportEditable(record.status as ReportStatus) && ability.can('update', subject('Report', { ...record }));
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <ReturnedReason />
      <Card variant="outlined" sx={{ mb: 2 }}>
        <CardContent>
          <Box sx={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1, mb: 2 }}>
            <ReferenceField source="assignmentId" reference="assignments" link="show">
              <FunctionField
                render={(a: Row) => (
                  <Typography variant="h6" component="span">
                    {String(a.planItemNumber)} {String(a.planItemTitle)} · {String(a.orgUnitName)}
                  </Typography>
                )}
              />
            </ReferenceField>
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
              {editable && <EditButton variant="outlined" label="duban.action.edit_report" />}
              <WorkflowButtons />
            </Box>
          </Box>
          <Grid container spacing={2}>
            <Grid size={{ xs: 6, md: 3 }}>
              <Labeled source="period">
                <TextField source="period" />
              </Labeled>
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <Labeled source="status">
                <ReportStatusField />
              </Labeled>
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <Labeled source="progress">
                <ProgressField />
              </Labeled>
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <Labeled source="submittedAt">
                <DayField source="submittedAt" time />
              </Labeled>
            </Grid>
          </Grid>
          {record.final === true && (
            <Alert severity="info" sx={{ mt: 2 }}>
              {translate('duban.report.final_hint')}
            </Alert>
          )}
          <Typography variant="subtitle2" sx={{ mt: 2 }}>
            {translate('resources.reports.fields.summary')}
          </Typography>
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }} data-testid="report-summary">
            {String(record.summary ?? '')}
          </Typography>
        </CardContent>
      </Card>
      <EvidencePanel />
      <History />
    </Box>
  );
};

const ReportTitle = () => {
  const record = useRecordContext<Row>();
  const translate = useTranslate();
  return <span>{record ? `${translate('resources.reports.name', { smart_count: 1 })} ${record.period}` : ''}</span>;
};

const ReportShow = () => (
  <Show title={<ReportTitle />} actions={false}>
    <Body />
  </Show>
);

export default ReportShow;

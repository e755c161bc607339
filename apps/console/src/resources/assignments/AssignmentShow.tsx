import { subject } from '@casl/ability';
import {
  Alert,
  Box,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Grid,
  Link as MuiLink,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Button,
  Datagrid,
  Labeled,
  Link,
  ReferenceManyField,
  Show,
  TextField,
  useDataProvider,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import EditNoteIcon from '@mui/icons-material/EditNote';
import { CodeField, DayField, LightBadge, ProgressField, ReportStatusField } from '../../components/fields';
import { formatDay } from '../../components/format';
import { PlanItemText } from '../../components/PlanItemText';
import { useAbility } from '../../providers/ability';
import type { DubanDataProvider } from '../../providers/dataProvider';

type Row = Record<string, unknown>;

interface SchedulePeriod {
  period: string;
  start: string;
  end: string;
  dueDate: string;
  reportId: string | null;
  reportStatus: string | null;
  reported: boolean;
  late: boolean;
}

interface Milestone {
  date: string;
  text: string;
  status?: string;
}

/** Every report period with its due date and report; the liaison writes the current one from here. */
const Schedule = () => {
  const record = useRecordContext<Row>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const ability = useAbility();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const id = record?.id as string | undefined;
  const { data: periods } = useQuery({
    queryKey: ['assignments', 'schedule', id],
    queryFn: () => dataProvider.getJson<SchedulePeriod[]>(`assignments/${id}/schedule`),
    enabled: !!id,
  });
  if (!record || !periods) return null;
  const canWrite = ability.can('create', subject('Report', { orgUnitId: record.orgUnitId }));
  const open = record.status !== 'completed' && record.status !== 'cancelled';
  return (
    <Card variant="outlined" sx={{ mb: 2 }}>
      <CardHeader title={translate('duban.assignment.schedule')} />
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.reports.fields.period')}</TableCell>
              <TableCell>{translate('duban.assignment.due_date')}</TableCell>
              <TableCell>{translate('resources.reports.fields.status')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {periods.map((p) => (
              <TableRow key={p.period} data-testid={`period-${p.period}`}>
                <TableCell>{p.period}</TableCell>
                <TableCell>
                  {formatDay(p.dueDate, locale)}
                  {p.late && <Chip size="small" color="error" label={translate('duban.assignment.late')} sx={{ ml: 1 }} />}
                </TableCell>
                <TableCell>
                  {p.reportStatus ? translate(`duban.reportStatus.${p.reportStatus}`) : translate('duban.assignment.not_reported')}
                </TableCell>
                <TableCell align="right">
                  {p.reportId ? (
                    <MuiLink component={Link} to={`/reports/${p.reportId}/show`}>
                      {translate('duban.action.open')}
                    </MuiLink>
                  ) : (
                    canWrite &&
                    open &&
                    p.period === record.nextReportPeriod && (
                      <Button
                        component={Link}
                        to={`/reports/create?source=${encodeURIComponent(JSON.stringify({ assignmentId: id, period: p.period }))}`}
                        label="duban.action.write_report"
                        variant="contained"
                        data-testid="write-report"
                      >
                        <EditNoteIcon />
                      </Button>
                    )
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Card>
  );
};

/** 签收: when the unit acknowledged the assignment, or the leader's or liaison's button to acknowledge it (the ability decides). */
const Receipt = () => {
  const record = useRecordContext<Row>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const ability = useAbility();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const { mutate, isPending } = useMutation({
    mutationFn: () => dataProvider.postJson(`assignments/${record?.id}/acknowledge`, { version: record?.version }),
    onSuccess: () => {
      notify('duban.assignment.acknowledged_ok', { type: 'success' });
      refresh();
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  if (!record) return null;
  if (record.acknowledgedAt) {
    return <Typography variant="body2">{formatDay(String(record.acknowledgedAt), locale)}</Typography>;
  }
  const open = record.status !== 'completed' && record.status !== 'cancelled';
  if (open && ability.can('acknowledge', subject('Assignment', { orgUnitId: record.orgUnitId })))
    return (
      <Button
        variant="contained"
        size="small"
        disabled={isPending}
        onClick={() => mutate()}
        label="duban.assignment.acknowledge"
        data-testid="acknowledge"
      />
    );
  return (
    <Typography variant="body2" color="warning.main">
      {translate('duban.assignment.not_acknowledged')}
    </Typography>
  );
};

const Facts = () => {
  const record = useRecordContext<Row>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  const milestones = (record.milestones as Milestone[]) ?? [];
  return (
    <Card variant="outlined" sx={{ mb: 2 }}>
      <CardContent>
        <Box sx={{ mb: 2 }}>
          <LightBadge withReason />
        </Box>
        {record.calendarWarning ? (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {String(record.calendarWarning)}
          </Alert>
        ) : null}
        <Grid container spacing={2}>
          <Grid size={{ xs: 6, md: 3 }}>
            <Labeled source="orgUnitName">
              <TextField source="orgUnitName" />
            </Labeled>
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Labeled source="role">
              <CodeField source="role" group="assignmentRole" />
            </Labeled>
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Labeled source="status">
              <CodeField source="status" group="assignmentStatus" />
            </Labeled>
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Labeled source="progress">
              <Box>
                <ProgressField source="progress" />
                {typeof record.expectedProgress === 'number' && (
                  <Typography variant="caption" color="text.secondary">
                    {translate('duban.assignment.expected', { value: record.expectedProgress })}
                  </Typography>
                )}
              </Box>
            </Labeled>
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Labeled source="deadline">
              <DayField source="deadline" />
            </Labeled>
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Labeled source="nextReportDue">
              <DayField source="nextReportDue" />
            </Labeled>
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Labeled source="reportCycle">
              <CodeField source="reportCycle" group="reportCycle" />
            </Labeled>
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Labeled source="acknowledgedAt">
              <Receipt />
            </Labeled>
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Labeled source="escalationLevel">
              <Typography variant="body2">
                {translate(`duban.level.l${Number(record.escalationLevel ?? 0)}`)}
                {record.overdue ? ` · ${translate('duban.assignment.days_overdue', { days: record.daysOverdue })}` : ''}
              </Typography>
            </Labeled>
          </Grid>
        </Grid>
        {milestones.length > 0 && (
          <Box sx={{ mt: 2 }}>
            <Typography variant="subtitle2">{translate('duban.assignment.milestones')}</Typography>
            {milestones.map((m) => (
              <Typography key={`${m.date}${m.text}`} variant="body2">
                {formatDay(m.date, locale)} {m.text}
              </Typography>
            ))}
          </Box>
        )}
      </CardContent>
    </Card>
  );
};

const AssignmentTitle = () => {
  const record = useRecordContext<Row>();
  return <span>{record ? `${record.planItemNumber} ${record.planItemTitle}` : ''}</span>;
};

const Body = () => {
  const record = useRecordContext<Row>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Typography variant="h6" sx={{ mb: 1 }} data-testid="assignment-title">
        {String(record.planItemNumber)} {String(record.planItemTitle)}
      </Typography>
      <Facts />
      <Schedule />
      <Card variant="outlined" sx={{ mb: 2 }}>
        <CardHeader title={translate('duban.assignment.reports')} />
        <ReferenceManyField reference="reports" target="assignmentId" sort={{ field: 'period', order: 'DESC' }} perPage={10}>
          <Datagrid rowClick="show" bulkActionButtons={false} empty={<Box sx={{ p: 2 }}>{translate('duban.no_data')}</Box>}>
            <TextField source="period" />
            <ReportStatusField source="status" />
            <ProgressField source="progress" />
            <DayField source="submittedAt" time />
          </Datagrid>
        </ReferenceManyField>
      </Card>
      <PlanItemText planItemId={String(record.planItemId)} />
    </Box>
  );
};

const AssignmentShow = () => (
  <Show title={<AssignmentTitle />}>
    <Body />
  </Show>
);

export default AssignmentShow;

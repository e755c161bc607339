import {
  Alert,
  Box,
  Card,
  CardContent,
  CardHeader,
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Link, useDataProvider, useTranslate } from 'react-admin';
import type { DubanDataProvider } from '../providers/dataProvider';
import type { DashboardChapterRow, DashboardLevels, DashboardSummary, DashboardUnitRow, WorkCounts } from '@duban/domain';

/** GET /api/dashboard/* (SQL aggregates, scoped by the API: a leader's dashboard is their unit's). */
const COLORS = { green: '#2e7d32', yellow: '#f9a825', red: '#c62828', completed: '#1565c0', open: '#90a4ae' };

function useFigures<T>(name: string) {
  const dataProvider = useDataProvider<DubanDataProvider>();
  return useQuery({ queryKey: ['dashboard', name], queryFn: () => dataProvider.getJson<T>(`dashboard/${name}`) });
}

const Figure = ({ label, value, to, color }: { label: string; value: number | string; to?: string; color?: string }) => {
  const translate = useTranslate();
  const body = (
    <CardContent>
      <Typography variant="body2" color="text.secondary">
        {translate(label)}
      </Typography>
      <Typography variant="h5" sx={{ color }} data-testid={`summary-${label.split('.').pop()}`}>
        {value}
      </Typography>
    </CardContent>
  );
  return (
    <Card variant="outlined" sx={{ height: '100%', textDecoration: 'none', display: 'block' }} {...(to ? { component: Link, to } : {})}>
      {body}
    </Card>
  );
};

const q = (filter: Record<string, unknown>) => `?filter=${encodeURIComponent(JSON.stringify(filter))}`;

const SummaryFigures = () => {
  const translate = useTranslate();
  const { data } = useFigures<DashboardSummary>('summary');
  if (!data) return null;
  const figures: { label: string; value: number | string; to?: string; color?: string }[] = [
    { label: 'duban.dashboard_page.total', value: data.total, to: '/assignments' },
    { label: 'duban.dashboard_page.completed', value: data.completed, to: `/assignments${q({ status: 'completed' })}` },
    { label: 'duban.dashboard_page.completionRate', value: `${data.completionRate}%` },
    { label: 'duban.dashboard_page.overdue', value: data.overdue, to: `/assignments${q({ overdue: true })}`, color: COLORS.red },
    { label: 'duban.light.green', value: data.green, color: COLORS.green },
    { label: 'duban.light.yellow', value: data.yellow, color: COLORS.yellow },
    { label: 'duban.light.red', value: data.red, color: COLORS.red },
    { label: 'duban.menu.confirm_queue', value: data.awaitingConfirmation },
    { label: 'duban.menu.review_queue', value: data.awaitingReview },
    { label: 'duban.dashboard_page.awaiting_acceptance', value: data.awaitingAcceptance, to: '/queues/acceptance' },
    { label: 'duban.dashboard_page.unanswered', value: data.unansweredNotices, to: `/escalations${q({ unanswered: true })}` },
  ];
  return (
    <Box data-testid="summary">
      {data.calendarWarning && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {data.calendarWarning}
        </Alert>
      )}
      <Grid container spacing={2}>
        {figures.map((f) => (
          <Grid key={f.label} size={{ xs: 6, sm: 4, md: 3, lg: 2 }}>
            <Figure {...f} />
          </Grid>
        ))}
      </Grid>
      <Typography variant="caption" color="text.secondary">
        {translate('duban.dashboard_page.as_of', { date: data.today })}
      </Typography>
    </Box>
  );
};

/** Lights stacked per row, with the completed count beside them; rows laid out vertically so every name is readable. */
const WorkChart = ({ rows, label }: { rows: (WorkCounts & { label: string })[]; label: string }) => {
  const translate = useTranslate();
  const height = Math.max(160, rows.length * 26 + 60);
  return (
    <Box sx={{ width: '100%', height }} aria-label={translate(label)}>
      <ResponsiveContainer>
        <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={170} interval={0} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend verticalAlign="top" />
          <Bar dataKey="green" stackId="light" name={translate('duban.light.green')} fill={COLORS.green} />
          <Bar dataKey="yellow" stackId="light" name={translate('duban.light.yellow')} fill={COLORS.yellow} />
          <Bar dataKey="red" stackId="light" name={translate('duban.light.red')} fill={COLORS.red} />
          <Bar dataKey="completed" name={translate('duban.dashboard_page.completed')} fill={COLORS.completed} />
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
};

const Panel = ({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) => {
  const translate = useTranslate();
  return (
    <Card sx={{ height: '100%' }} data-testid={testId}>
      <CardHeader title={translate(title)} slotProps={{ title: { variant: 'subtitle1' } }} />
      <CardContent sx={{ pt: 0, maxHeight: 520, overflowY: 'auto' }}>{children}</CardContent>
    </Card>
  );
};

const Units = ({ name, title }: { name: 'by-unit' | 'by-county'; title: string }) => {
  const { data } = useFigures<DashboardUnitRow[]>(name);
  return (
    <Panel title={title} testId={`chart-${name}`}>
      {data && <WorkChart rows={data.map((r) => ({ ...r, label: r.orgUnitName }))} label={title} />}
    </Panel>
  );
};

const Chapters = () => {
  const { data } = useFigures<DashboardChapterRow[]>('by-chapter');
  return (
    <Panel title="duban.dashboard_page.by_chapter" testId="chart-by-chapter">
      {data && (
        <WorkChart
          rows={data.map((r) => ({
            ...r,
            label: `${r.chapterNumber} ${r.chapterTitle.length > 12 ? `${r.chapterTitle.slice(0, 12)}…` : r.chapterTitle}`,
          }))}
          label="duban.dashboard_page.by_chapter"
        />
      )}
    </Panel>
  );
};

const LevelsPanel = () => {
  const translate = useTranslate();
  const { data } = useFigures<DashboardLevels>('by-level');
  return (
    <Panel title="duban.dashboard_page.by_level" testId="chart-by-level">
      {data && (
        <>
          <Box sx={{ width: '100%', height: 200 }}>
            <ResponsiveContainer>
              <BarChart data={data.levels.map((l) => ({ ...l, label: translate(`duban.level.l${l.level}`) }))}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Bar dataKey="open" name={translate('duban.dashboard_page.open')} fill={COLORS.red} />
              </BarChart>
            </ResponsiveContainer>
          </Box>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('resources.escalations.fields.kind')}</TableCell>
                <TableCell align="right">{translate('duban.dashboard_page.open')}</TableCell>
                <TableCell align="right">{translate('duban.notice.answered')}</TableCell>
                <TableCell align="right">{translate('duban.notice.unanswered')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.notices.map((n) => (
                <TableRow key={n.kind}>
                  <TableCell>{translate(`duban.escalationKind.${n.kind}`)}</TableCell>
                  <TableCell align="right">{n.open}</TableCell>
                  <TableCell align="right">{n.answered}</TableCell>
                  <TableCell align="right">{n.unanswered}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Panel>
  );
};

/** The plan's figures as charts; every number comes from the API's aggregates, none is counted here. */
const Charts = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 2 }} data-testid="charts">
      <Typography variant="h6" sx={{ mb: 1 }}>
        {translate('duban.dashboard_page.summary')}
      </Typography>
      <SummaryFigures />
      <Grid container spacing={2} sx={{ mt: 1 }}>
        <Grid size={{ xs: 12, lg: 6 }}>
          <Units name="by-unit" title="duban.dashboard_page.by_unit" />
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          <Units name="by-county" title="duban.dashboard_page.by_county" />
        </Grid>
        <Grid size={{ xs: 12, lg: 8 }}>
          <Chapters />
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <LevelsPanel />
        </Grid>
      </Grid>
    </Box>
  );
};

export default Charts;

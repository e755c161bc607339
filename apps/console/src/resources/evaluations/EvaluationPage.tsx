import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EVALUATION_PRESETS, type Evaluation, type EvaluationRow } from '@duban/domain';
import { Title, useDataProvider, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { formatInstant } from '../../components/format';
import { useDownload } from '../../components/useDownload';
import { useAbility } from '../../providers/ability';
import type { DubanDataProvider } from '../../providers/dataProvider';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

interface DrillItems {
  completedLate: { assignmentId: string; number: string; title: string; deadline: string; completedOn: string | null }[];
  overdue: { assignmentId: string; number: string; title: string; deadline: string }[];
  returnedReports: { reportId: string; period: string; number: string; title: string }[];
  lateReports: { assignmentId: string; period: string; number: string; title: string }[];
  indicators: { indicatorId: string; number: number; name: string; scope: string; year: number | null; status: string | null }[];
}

/** GET /api/evaluations/drill-down?asOf=&orgUnitId=: the unit's items that cost it points, one line each. */
const DrillItemsList = ({ asOf, orgUnitId }: { asOf: string; orgUnitId: string }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const { data } = useQuery({
    queryKey: ['evaluations', 'drill-down', asOf, orgUnitId],
    queryFn: () => dataProvider.getJson<DrillItems>(`evaluations/drill-down?asOf=${asOf}&orgUnitId=${orgUnitId}`),
    retry: false,
  });
  if (!data) return null;
  const groups: [string, string[]][] = [
    ['completed_late', data.completedLate.map((a) => `${a.number} ${a.title}（${a.deadline} → ${a.completedOn ?? ''}）`)],
    ['overdue_now', data.overdue.map((a) => `${a.number} ${a.title}（${a.deadline}）`)],
    ['reports_late', data.lateReports.map((r) => `${r.number} ${r.title} · ${r.period}`)],
    ['returned', data.returnedReports.map((r) => `${r.number} ${r.title} · ${r.period}`)],
    [
      'indicators_items',
      data.indicators.map(
        (i) => `${i.number}. ${i.name}（${i.scope}）${i.year ?? ''} ${translate(`duban.indicatorStatus.${i.status}`, { _: '' })}`,
      ),
    ],
  ];
  return (
    <Box data-testid="evaluation-items">
      {groups
        .filter(([, lines]) => lines.length > 0)
        .map(([key, lines]) => (
          <Box key={key} sx={{ mb: 1 }}>
            <Typography variant="subtitle2">{translate(`duban.evaluation.${key}`)}</Typography>
            {lines.map((line, n) => (
              <Typography key={n} variant="body2" sx={{ pl: 2 }}>
                {line}
              </Typography>
            ))}
          </Box>
        ))}
    </Box>
  );
};

/**
 * The items that cost a unit points: each part's points lost (weight × (1 − part) × 100) with the counts behind it.
 */
const DrillDown = ({
  row,
  weights,
  asOf,
  onClose,
}: {
  row: EvaluationRow;
  weights: Evaluation['weights'];
  asOf: string;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const lost = (part: keyof Evaluation['weights']) => (weights[part] * (1 - row.parts[part]) * 100).toFixed(1);
  const items: { part: keyof Evaluation['weights']; lines: [string, number | string][] }[] = [
    {
      part: 'onTime',
      lines: [
        ['completed_late', row.completedLate],
        ['overdue_now', row.overdueNow],
        ['reports_late', row.reportsSubmitted - row.reportsOnTime],
      ],
    },
    {
      part: 'quality',
      lines: [
        ['returned', row.reportsApproved - Math.round((row.firstPassApprovalRate ?? 1) * row.reportsApproved)],
        ['first_pass', pct(row.firstPassApprovalRate)],
      ],
    },
    {
      part: 'indicators',
      lines: [
        ['indicators_off', row.indicators.offTrack],
        ['indicators_risk', row.indicators.atRisk],
        ['indicators_none', row.indicators.none],
      ],
    },
  ];
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid="evaluation-drilldown">
      <DialogTitle>
        {row.name} · {translate('duban.evaluation.score')} {row.score.toFixed(1)} · {translate('duban.evaluation.rank')} {row.rank}
      </DialogTitle>
      <DialogContent>
        {items.map(({ part, lines }) => (
          <Box key={part} sx={{ mb: 2 }}>
            <Typography variant="subtitle2">
              {translate(`duban.evaluation.part_${part}`)}（{translate('duban.evaluation.weight')} {pct(weights[part])}）：
              {translate('duban.evaluation.lost', { points: lost(part) })}
            </Typography>
            {lines.map(([key, value]) => (
              <Typography key={key} variant="body2" sx={{ pl: 2 }}>
                {translate(`duban.evaluation.${key}`)}：{value}
              </Typography>
            ))}
          </Box>
        ))}
        <Typography variant="body2" color="text.secondary">
          {translate('duban.evaluation.notices', {
            reminder: row.notices.reminder,
            urge: row.notices.urge,
            supervision: row.notices.supervision,
            interview: row.notices.interview,
            unanswered: row.noticesUnanswered,
          })}
        </Typography>
        <DrillItemsList asOf={asOf} orgUnitId={row.orgUnitId} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};

const Ranking = ({ title, rows, onOpen }: { title: string; rows: EvaluationRow[]; onOpen: (r: EvaluationRow) => void }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ mb: 2 }}>
      <CardHeader title={title} />
      <CardContent sx={{ pt: 0 }}>
        <TableContainer sx={{ overflowX: 'auto', maxWidth: { xs: 'calc(100vw - 64px)', md: 'calc(100vw - 330px)' } }}>
          <Table size="small" sx={{ minWidth: 640 }}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('duban.evaluation.rank')}</TableCell>
                <TableCell>{translate('duban.evaluation.unit')}</TableCell>
                <TableCell>{translate('duban.evaluation.score')}</TableCell>
                <TableCell>{translate('duban.evaluation.due')}</TableCell>
                <TableCell>{translate('duban.evaluation.on_time')}</TableCell>
                <TableCell>{translate('duban.evaluation.overdue_now')}</TableCell>
                <TableCell>{translate('duban.evaluation.first_pass')}</TableCell>
                <TableCell>{translate('duban.evaluation.indicators')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.orgUnitId} hover sx={{ cursor: 'pointer' }} onClick={() => onOpen(r)} data-testid="evaluation-row">
                  <TableCell>{r.rank}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.name}</TableCell>
                  <TableCell>{r.score.toFixed(1)}</TableCell>
                  <TableCell>{r.assignmentsDue}</TableCell>
                  <TableCell>{r.completedOnTime}</TableCell>
                  <TableCell>{r.overdueNow}</TableCell>
                  <TableCell>{pct(r.firstPassApprovalRate)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {r.indicators.met + r.indicators.onTrack}/{r.indicators.rows}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </CardContent>
    </Card>
  );
};

const EvaluationPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const ability = useAbility();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const queryClient = useQueryClient();
  const { download, busy } = useDownload();
  const [asOf, setAsOf] = useState<string>(EVALUATION_PRESETS[0].asOf);
  const [open, setOpen] = useState<EvaluationRow | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { data, error, isPending } = useQuery({
    queryKey: ['evaluations', asOf],
    queryFn: () => dataProvider.getJson<Evaluation>(`evaluations?asOf=${asOf}`),
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(asOf),
    retry: false,
  });
  const publish = useMutation({
    mutationFn: () => dataProvider.postJson('evaluations/publish', { asOf }),
    onSuccess: () => {
      setConfirming(false);
      notify('duban.evaluation.published_ok', { type: 'success', messageArgs: { asOf } });
      void queryClient.invalidateQueries({ queryKey: ['evaluations', asOf] });
    },
    onError: (e: Error) => notify(e.message, { type: 'error' }),
  });
  const departments = (data?.rows ?? []).filter((r) => r.group === 'department').sort((a, b) => a.rank - b.rank);
  const counties = (data?.rows ?? []).filter((r) => r.group === 'county').sort((a, b) => a.rank - b.rank);
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }} data-testid="evaluation-page">
      <Title title={translate('duban.menu.evaluations')} />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2, alignItems: { sm: 'center' }, flexWrap: 'wrap', gap: 1 }}>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={asOf}
          onChange={(_, v: string | null) => v && setAsOf(v)}
          sx={{ flexWrap: 'wrap' }}
        >
          {EVALUATION_PRESETS.map((p) => (
            <ToggleButton key={p.key} value={p.asOf} data-testid={`preset-${p.key}`}>
              {translate(`duban.evaluation.${p.key}`)} {p.asOf}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <TextField
          type="date"
          size="small"
          label={translate('duban.evaluation.as_of')}
          value={asOf}
          onChange={(e) => setAsOf(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        {data && ability.can('export', 'Export') && (
          <Button
            variant="outlined"
            disabled={!!busy}
            onClick={() => download(`exports/evaluation.xlsx?asOf=${asOf}`, `考核评估-${asOf}.xlsx`)}
          >
            {translate('duban.evaluation.export')}
          </Button>
        )}
        {data?.status === 'draft' && ability.can('publish', 'Evaluation') && (
          <Button variant="contained" onClick={() => setConfirming(true)} data-testid="evaluation-publish">
            {translate('duban.action.publish')}
          </Button>
        )}
      </Stack>
      {isPending && <LinearProgress />}
      {error && (
        <Alert severity="info" data-testid="evaluation-unpublished">
          {(error as Error & { status?: number }).status === 404 ? translate('duban.evaluation.not_published') : error.message}
        </Alert>
      )}
      {data && (
        <>
          <Alert severity={data.status === 'published' ? 'success' : 'warning'} sx={{ mb: 2 }} data-testid="evaluation-status">
            {data.status === 'published'
              ? translate('duban.evaluation.published', { at: formatInstant(data.publishedAt, locale) })
              : translate('duban.evaluation.draft')}
            {' · '}
            {translate('duban.evaluation.weights', {
              onTime: pct(data.weights.onTime),
              quality: pct(data.weights.quality),
              indicators: pct(data.weights.indicators),
            })}
          </Alert>
          <Ranking title={translate('duban.evaluation.departments')} rows={departments} onOpen={setOpen} />
          <Ranking title={translate('duban.evaluation.counties')} rows={counties} onOpen={setOpen} />
          {open && <DrillDown row={open} weights={data.weights} asOf={data.asOf} onClose={() => setOpen(null)} />}
        </>
      )}
      <Dialog open={confirming} onClose={() => setConfirming(false)}>
        <DialogTitle>{translate('duban.evaluation.publish_title', { asOf })}</DialogTitle>
        <DialogContent>
          <Typography variant="body2">{translate('duban.evaluation.publish_warning')}</Typography>
          {publish.isPending && <LinearProgress sx={{ mt: 2 }} />}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>{translate('ra.action.cancel')}</Button>
          <Button
            variant="contained"
            disabled={publish.isPending}
            onClick={() => publish.mutate()}
            data-testid="evaluation-publish-confirm"
          >
            {translate('duban.action.publish')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
};

export default EvaluationPage;

import { subject } from '@casl/ability';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Dialog,
  DialogActions,
  Divider,
  DialogContent,
  DialogTitle,
  Pagination,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Title, useDataProvider, useGetList, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { LightBadge } from '../../components/fields';
import { formatDay } from '../../components/format';
import { RecordContextProvider } from 'react-admin';
import { useAbility } from '../../providers/ability';
import type { DubanDataProvider } from '../../providers/dataProvider';

type Row = Record<string, unknown>;
const PER_PAGE = 50;

type ManualKind = 'urge' | 'supervision' | 'interview';
const TEST_ID: Record<ManualKind, string> = { urge: 'urge', supervision: 'supervise', interview: 'interview' };

/** 催办 / 督办 / 约谈 by hand: one assignment, or every overdue assignment of a unit; the reason is asked first. */
const UrgeButton = ({
  target,
  label,
  kind = 'urge',
}: {
  target: { assignmentId: string } | { orgUnitId: string };
  label: string;
  kind?: ManualKind;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { mutate, isPending } = useMutation({
    mutationFn: () => dataProvider.postJson<unknown[]>('escalations', { ...target, kind, reason: reason.trim() }),
    onSuccess: (created) => {
      setOpen(false);
      notify('duban.action.escalated', { type: 'success', messageArgs: { count: created.length } });
      void queryClient.invalidateQueries();
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        color={kind === 'urge' ? 'primary' : 'error'}
        onClick={() => setOpen(true)}
        data-testid={TEST_ID[kind]}
      >
        {label}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{label}</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={2}
            margin="dense"
            label={translate('duban.action.escalate_reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('duban.action.cancel')}</Button>
          <Button variant="contained" disabled={isPending || reason.trim().length < 2} onClick={() => mutate()}>
            {label}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};

/** Runs the deadline sweep now (the scheduled job's code) and says what it raised. */
/** What POST /api/jobs/sweep answers (the counts the board shows). */
interface SweepResult {
  created?: Partial<Record<'reminder' | 'urge' | 'supervision' | 'interview', number>>;
  resolved?: number;
  notifications?: number;
}

const SweepButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const [result, setResult] = useState<string | null>(null);
  const { mutate, isPending } = useMutation({
    mutationFn: () => dataProvider.postJson<SweepResult>('jobs/sweep', {}),
    onSuccess: (r) => {
      const c = r.created ?? {};
      setResult(
        translate('duban.action.sweep_result', {
          reminder: c.reminder ?? 0,
          urge: c.urge ?? 0,
          supervision: c.supervision ?? 0,
          interview: c.interview ?? 0,
          resolved: r.resolved ?? 0,
          notifications: r.notifications ?? 0,
        }),
      );
      notify('duban.action.sweep_done', { type: 'success' });
      void queryClient.invalidateQueries();
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  return (
    <Box>
      <Button variant="contained" disabled={isPending} onClick={() => mutate()} data-testid="run-sweep">
        {translate('duban.action.run_sweep')}
      </Button>
      {result && (
        <Typography variant="caption" component="div" sx={{ mt: 1 }} data-testid="sweep-result">
          {result}
        </Typography>
      )}
    </Box>
  );
};

/** The unit's open notices, newest first, each opening its page (the 督办单 prints from there). */
const UnitNotices = ({ orgUnitId }: { orgUnitId: string }) => {
  const translate = useTranslate();
  const { data } = useGetList('escalations', {
    filter: { orgUnitId, open: true },
    sort: { field: 'createdAt', order: 'DESC' },
    pagination: { page: 1, perPage: 10 },
  });
  if (!data?.length) return null;
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, mt: 1 }}>
      {data.map((e) => (
        <Chip
          key={e.id}
          component={Link}
          to={`/escalations/${e.id}/show`}
          clickable
          size="small"
          color={e.kind === 'supervision' || e.kind === 'interview' ? 'error' : 'warning'}
          label={`${translate(`duban.escalationKind.${String(e.kind)}`)}${e.number ? ` ${String(e.number)}` : ''}${
            e.respondedAt ? ` · ${translate('duban.notice.answered')}` : ''
          }`}
          data-testid="unit-notice"
        />
      ))}
    </Stack>
  );
};

/** Picks one unit to look at (org units are reference data: one page holds them all). */
const UnitPicker = ({ value, onChange }: { value: Row | null; onChange: (unit: Row | null) => void }) => {
  const translate = useTranslate();
  const { data } = useGetList('org-units', { pagination: { page: 1, perPage: 200 }, sort: { field: 'code', order: 'ASC' } });
  return (
    <Autocomplete
      size="small"
      sx={{ width: 280 }}
      options={data ?? []}
      value={value}
      onChange={(_e, unit) => onChange(unit)}
      getOptionLabel={(u) => String(u.name)}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      renderInput={(params) => (
        <TextField
          {...params}
          label={translate('resources.assignments.fields.orgUnitId')}
          slotProps={{ htmlInput: { ...params.inputProps, 'data-testid': 'unit-picker' } }}
        />
      )}
    />
  );
};

/** The ladder's rungs for one assignment: 催办, 督办, 约谈. */
const RowActions = ({ assignmentId }: { assignmentId: string }) => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1} sx={{ justifyContent: { sm: 'flex-end' }, flexWrap: 'wrap' }}>
      <UrgeButton target={{ assignmentId }} label={translate('duban.action.urge')} />
      <UrgeButton target={{ assignmentId }} kind="supervision" label={translate('duban.action.supervise')} />
      <UrgeButton target={{ assignmentId }} kind="interview" label={translate('duban.action.interview')} />
    </Stack>
  );
};

/** One unit's overdue assignments as a table (laptop, tablet). */
const UnitRowsAsTable = ({ rows }: { rows: Row[] }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.assignments.fields.light')}</TableCell>
            <TableCell>{translate('resources.assignments.fields.planItemTitle')}</TableCell>
            <TableCell>{translate('resources.assignments.fields.deadline')}</TableCell>
            <TableCell>{translate('resources.assignments.fields.daysOverdue')}</TableCell>
            <TableCell>{translate('resources.assignments.fields.escalationLevel')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((a) => (
            <RecordContextProvider key={String(a.id)} value={a}>
              <TableRow>
                <TableCell>
                  <LightBadge />
                </TableCell>
                <TableCell>
                  <Link to={`/assignments/${a.id}/show`}>
                    {String(a.planItemNumber)} {String(a.planItemTitle)}
                  </Link>
                </TableCell>
                <TableCell>{formatDay(a.deadline as string, locale)}</TableCell>
                <TableCell>{String(a.daysOverdue)}</TableCell>
                <TableCell>{translate(`duban.level.l${Number(a.escalationLevel ?? 0)}`)}</TableCell>
                <TableCell align="right">
                  <RowActions assignmentId={String(a.id)} />
                </TableCell>
              </TableRow>
            </RecordContextProvider>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

/** The same on a phone: one stacked card per assignment, nothing to scroll sideways. */
const UnitRowsAsCards = ({ rows }: { rows: Row[] }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <Stack divider={<Divider />} data-testid="overdue-cards">
      {rows.map((a) => (
        <RecordContextProvider key={String(a.id)} value={a}>
          <Box sx={{ px: 2, py: 1.5 }} data-testid="overdue-card">
            <Link to={`/assignments/${a.id}/show`}>
              <Typography variant="body2" sx={{ fontWeight: 600, wordBreak: 'break-word' }}>
                {String(a.planItemNumber)} {String(a.planItemTitle)}
              </Typography>
            </Link>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mt: 0.5 }}>
              <LightBadge />
              <Typography variant="body2" color="text.secondary">
                {translate('resources.assignments.fields.deadline')} {formatDay(a.deadline as string, locale)} ·{' '}
                {translate('duban.assignment.days_overdue', { days: a.daysOverdue })} ·{' '}
                {translate(`duban.level.l${Number(a.escalationLevel ?? 0)}`)}
              </Typography>
            </Box>
            <Box sx={{ mt: 0.5 }}>
              <RowActions assignmentId={String(a.id)} />
            </Box>
          </Box>
        </RecordContextProvider>
      ))}
    </Stack>
  );
};

/** Overdue work grouped by unit (the page's rows, sorted by unit by the API), with the ladder's actions. */
const OverdueBoard = () => {
  const translate = useTranslate();
  const ability = useAbility();
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const [page, setPage] = useState(1);
  const [unit, setUnit] = useState<Row | null>(null);
  const { data, total, isPending } = useGetList('assignments', {
    filter: unit ? { overdue: true, orgUnitId: unit.id } : { overdue: true },
    sort: { field: 'orgUnitId', order: 'ASC' },
    pagination: { page, perPage: PER_PAGE },
  });
  const groups = new Map<string, { name: string; rows: Row[] }>();
  for (const a of data ?? []) {
    const g = groups.get(a.orgUnitId) ?? { name: String(a.orgUnitName), rows: [] };
    g.rows.push(a);
    groups.set(a.orgUnitId, g);
  }
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('duban.menu.overdue_board')} />
      <Card sx={{ mb: 2 }}>
        <CardContent sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          {ability.can('run', 'Job') && <SweepButton />}
          <UnitPicker
            value={unit}
            onChange={(u) => {
              setUnit(u);
              setPage(1);
            }}
          />
          <Typography variant="body2" sx={{ alignSelf: 'center' }} data-testid="overdue-total">
            {translate('duban.dashboard_page.overdue')}：{total ?? 0}
          </Typography>
        </CardContent>
      </Card>
      {!isPending && groups.size === 0 && <Alert severity="success">{translate('duban.no_data')}</Alert>}
      {[...groups.entries()].map(([orgUnitId, g]) => (
        <Card key={orgUnitId} sx={{ mb: 2 }} data-testid="overdue-unit">
          <CardHeader
            title={g.name}
            subheader={<UnitNotices orgUnitId={orgUnitId} />}
            action={
              ability.can('create', subject('Escalation', { orgUnitId })) && (
                <Stack direction="row" spacing={1}>
                  <UrgeButton target={{ orgUnitId }} label={translate('duban.action.urge')} />
                  <UrgeButton target={{ orgUnitId }} kind="supervision" label={translate('duban.action.supervise')} />
                </Stack>
              )
            }
          />
          {phone ? <UnitRowsAsCards rows={g.rows} /> : <UnitRowsAsTable rows={g.rows} />}
        </Card>
      ))}
      {(total ?? 0) > PER_PAGE && (
        <Pagination count={Math.ceil((total ?? 0) / PER_PAGE)} page={page} onChange={(_e, p) => setPage(p)} sx={{ my: 2 }} />
      )}
    </Box>
  );
};

export default OverdueBoard;

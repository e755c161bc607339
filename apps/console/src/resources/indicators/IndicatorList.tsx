import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import FlagIcon from '@mui/icons-material/Flag';
import { INDICATOR_VALUE_COUNTED_STATUSES, INDICATOR_YEARS } from '@duban/domain';
import { lazy, Suspense, useMemo, useState } from 'react';
import { List, useGetList, useListContext, useNotify, useRefresh, useTranslate, useUpdate } from 'react-admin';
import { useAbility } from '../../providers/ability';
import { flaggedFirst, flagOf, STATUS_COLOR, type IndicatorRow } from './status';

/** recharts is large: loaded with this page only. */
const Sparkline = lazy(() => import('./Sparkline'));

interface UnitRow {
  id: string;
  name: string;
  kind: string;
}
interface ValueRow {
  indicatorId: string;
  year: number;
  value: number | null;
}

const FlagText = ({ row }: { row: IndicatorRow }) => {
  const translate = useTranslate();
  const flag = flagOf(row);
  if (!flag) return null;
  return (
    <Chip
      size="small"
      color="error"
      icon={<FlagIcon />}
      data-testid="indicator-flag"
      label={translate(flag.kind === 'off' ? 'duban.indicator.flag_reason_off' : 'duban.indicator.flag_reason_miss', { year: flag.year })}
      sx={{ mt: 0.5, maxWidth: '100%' }}
    />
  );
};

/** The status per year as five coloured cells, the word in each tooltip. */
const YearStatuses = ({ row }: { row: IndicatorRow }) => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5}>
      {INDICATOR_YEARS.map((year) => {
        const status = row.status?.[year] ?? null;
        const word = status ? translate(`duban.indicatorStatus.${status}`) : '—';
        return (
          <Tooltip key={year} title={`${year}：${word}`}>
            <Box
              data-testid={`status-${year}`}
              data-status={status ?? ''}
              sx={{
                minWidth: 34,
                px: 0.5,
                py: 0.25,
                borderRadius: 0.5,
                fontSize: 11,
                textAlign: 'center',
                color: status ? '#fff' : 'text.secondary',
                bgcolor: status ? STATUS_COLOR[status] : 'action.hover',
              }}
            >
              {String(year).slice(2)}
              <br />
              {status ? word.slice(0, 4) : '—'}
            </Box>
          </Tooltip>
        );
      })}
    </Stack>
  );
};

/** The office names another unit to report a row (PUT /api/indicators/:id, audited by the API). */
const ChangeUnit = ({ row, units }: { row: IndicatorRow; units: UnitRow[] }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [unitId, setUnitId] = useState(row.responsibleOrgUnitId ?? '');
  const [update, { isPending }] = useUpdate();
  const save = () =>
    update(
      'indicators',
      { id: row.id, data: { responsibleOrgUnitId: unitId, version: row.version }, previousData: row },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setOpen(false);
          notify('duban.indicator.unit_changed', {
            type: 'success',
            messageArgs: { name: units.find((u) => u.id === unitId)?.name ?? '' },
          });
          refresh();
        },
        onError: (error) => notify(error instanceof Error ? error.message : String(error), { type: 'error' }),
      },
    );
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="change-unit">
        {translate('duban.indicator.change_unit')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="xs">
        <DialogTitle>{translate('duban.indicator.change_unit')}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {row.name} · {row.scope}
          </Typography>
          <TextField
            select
            fullWidth
            margin="dense"
            label={translate('resources.indicators.fields.responsibleOrgUnitId')}
            value={unitId}
            onChange={(e) => setUnitId(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'unit-select' } }}
          >
            {units
              .filter((u) => u.kind !== 'office')
              .map((u) => (
                <MenuItem key={u.id} value={u.id}>
                  {u.name}
                </MenuItem>
              ))}
          </TextField>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('duban.action.cancel')}</Button>
          <Button
            variant="contained"
            disabled={isPending || !unitId || unitId === row.responsibleOrgUnitId}
            onClick={save}
            data-testid="save-unit"
          >
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};

const IndicatorTable = () => {
  const translate = useTranslate();
  const ability = useAbility();
  const { data, isPending } = useListContext<IndicatorRow>();
  const { data: units = [] } = useGetList<UnitRow>('org-units', {
    pagination: { page: 1, perPage: 1000 },
    sort: { field: 'name', order: 'ASC' },
  });
  const { data: values = [] } = useGetList<ValueRow & { id: string }>('indicator-values', {
    pagination: { page: 1, perPage: 1000 },
    sort: { field: 'year', order: 'ASC' },
    filter: { status: INDICATOR_VALUE_COUNTED_STATUSES },
  });
  const unitName = useMemo(() => new Map(units.map((u) => [u.id, u.name])), [units]);
  const byIndicator = useMemo(() => {
    const m = new Map<string, Map<number, number>>();
    for (const v of values) {
      if (v.value === null) continue;
      if (!m.has(v.indicatorId)) m.set(v.indicatorId, new Map());
      m.get(v.indicatorId)!.set(v.year, v.value);
    }
    return m;
  }, [values]);
  if (isPending || !data) return null;
  const rows = flaggedFirst(data);
  const flagged = rows.filter((r) => flagOf(r));
  const canChange = ability.can('update', 'Indicator');
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      {flagged.length > 0 ? (
        <Alert severity="error" sx={{ mb: 2 }} data-testid="flagged-summary">
          {translate('duban.indicator.flagged')}：{flagged.map((r) => `${r.number}. ${r.name}（${r.scope}）`).join('；')}
        </Alert>
      ) : (
        <Alert severity="success" sx={{ mb: 2 }}>
          {translate('duban.indicator.none_flagged')}
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ mb: 1, flexWrap: 'wrap', gap: 1 }}>
        {(Object.keys(STATUS_COLOR) as (keyof typeof STATUS_COLOR)[]).map((s) => (
          <Chip key={s} size="small" label={translate(`duban.indicatorStatus.${s}`)} sx={{ bgcolor: STATUS_COLOR[s], color: '#fff' }} />
        ))}
        <Typography variant="caption" sx={{ alignSelf: 'center' }}>
          {translate('duban.indicator.legend')}
        </Typography>
      </Stack>
      {/* The table scrolls inside its box (the page itself must not get wider than the screen). */}
      <TableContainer
        sx={{ overflowX: 'auto', maxWidth: { xs: 'calc(100vw - 32px)', md: 'calc(100vw - 300px)' } }}
        data-testid="indicator-scroll"
      >
        <Table size="small" data-testid="indicator-table" sx={{ minWidth: 1040 }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.indicators.fields.number')}</TableCell>
              <TableCell sx={{ minWidth: 200 }}>{translate('resources.indicators.fields.name')}</TableCell>
              <TableCell>{translate('resources.indicators.fields.binding')}</TableCell>
              <TableCell>{translate('resources.indicators.fields.unit')}</TableCell>
              <TableCell>{translate('resources.indicators.fields.baseline')}</TableCell>
              <TableCell sx={{ minWidth: 120 }}>{translate('resources.indicators.fields.targetText')}</TableCell>
              <TableCell sx={{ minWidth: 130 }}>{translate('resources.indicators.fields.responsibleOrgUnitId')}</TableCell>
              <TableCell sx={{ width: 150 }}>{translate('duban.indicator.trend')}</TableCell>
              <TableCell>{translate('resources.indicators.fields.status')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow
                key={row.id}
                data-testid="indicator-row"
                data-name={row.name}
                data-scope={row.scope}
                sx={flagOf(row) ? { bgcolor: 'rgba(211, 47, 47, 0.06)' } : undefined}
              >
                <TableCell>{row.number}</TableCell>
                <TableCell>
                  <Typography variant="body2">{row.name}</Typography>
                  <Typography variant="caption" color="text.secondary">
                    {row.category} · {row.scope}
                  </Typography>
                  <Box>
                    <FlagText row={row} />
                  </Box>
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Chip
                    size="small"
                    variant={row.binding ? 'filled' : 'outlined'}
                    color={row.binding ? 'warning' : 'default'}
                    label={translate(row.binding ? 'duban.indicator.binding' : 'duban.indicator.expected')}
                  />
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.unit}</TableCell>
                <TableCell>{row.baselineText || (row.baseline ?? '—')}</TableCell>
                <TableCell>
                  {row.targetText || '—'}
                  {row.cumulativeText && row.cumulativeText !== '—' && row.cumulativeText !== row.targetText && (
                    <Typography variant="caption" component="div" color="text.secondary">
                      {translate('resources.indicators.fields.cumulativeText')} {row.cumulativeText}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <span data-testid="responsible-unit">
                    {row.responsibleOrgUnitId ? (unitName.get(row.responsibleOrgUnitId) ?? '') : '—'}
                  </span>
                  {canChange && <ChangeUnit row={row} units={units} />}
                </TableCell>
                <TableCell>
                  <Suspense fallback={null}>
                    <Sparkline row={row} values={byIndicator.get(row.id) ?? new Map()} />
                  </Suspense>
                  {row.projection2025 !== null && (
                    <Typography variant="caption" component="div" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
                      {translate('duban.indicator.projected', { value: Number(row.projection2025.toFixed(2)) })}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <YearStatuses row={row} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Box>
  );
};

const IndicatorList = () => (
  <List perPage={100} pagination={false} sort={{ field: 'position', order: 'ASC' }} actions={false} disableSyncWithLocation>
    <IndicatorTable />
  </List>
);

export default IndicatorList;

import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Checkbox,
  MenuItem,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { ASSIGNMENT_ROLES, REPORT_CYCLES } from '@duban/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Datagrid,
  ReferenceManyField,
  Show,
  TextField,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { CodeField, DayField, LightBadge, ProgressField } from '../../components/fields';
import { PlanItemText } from '../../components/PlanItemText';
import { useAbility } from '../../providers/ability';
import type { DubanDataProvider } from '../../providers/dataProvider';

type Row = Record<string, unknown>;

interface Suggestion {
  orgUnitId: string;
  orgUnitName?: string;
  role: string;
  deadline: string;
  reportCycle: string;
  reasons: string[];
  include: boolean;
}

/** The decomposition suggestions with their reasons; units, roles, deadlines and cycles edited, then accepted. */
const Decomposition = ({ item }: { item: Row }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const [rows, setRows] = useState<Suggestion[] | null>(null);
  const { data } = useQuery({
    queryKey: ['plan-items', 'suggestions', item.id],
    queryFn: () => dataProvider.getJson<Omit<Suggestion, 'include'>[]>(`plan-items/${item.id}/suggestions`),
  });
  const list = rows ?? (data ?? []).map((s) => ({ ...s, include: true }));
  const set = (i: number, patch: Partial<Suggestion>) => setRows(list.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const { mutate, isPending } = useMutation({
    mutationFn: () =>
      dataProvider.postJson<unknown[]>(`plan-items/${item.id}/decompose`, {
        assignments: list
          .filter((r) => r.include)
          .map(({ orgUnitId, role, deadline, reportCycle }) => ({ orgUnitId, role, deadline, reportCycle })),
      }),
    onSuccess: (r) => {
      notify('duban.action.decomposed', { type: 'success', messageArgs: { count: Array.isArray(r) ? r.length : '' } });
      refresh();
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  if (!data || data.length === 0) return null;
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid="decomposition">
      <CardHeader title={translate('duban.action.decompose')} />
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell />
              <TableCell>{translate('resources.assignments.fields.orgUnitId')}</TableCell>
              <TableCell>{translate('resources.assignments.fields.role')}</TableCell>
              <TableCell>{translate('resources.assignments.fields.deadline')}</TableCell>
              <TableCell>{translate('resources.assignments.fields.reportCycle')}</TableCell>
              <TableCell sx={{ minWidth: 240 }}>{translate('duban.assignment.reasons')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {list.map((s, i) => (
              <TableRow key={s.orgUnitId}>
                <TableCell padding="checkbox">
                  <Checkbox checked={s.include} onChange={(e) => set(i, { include: e.target.checked })} />
                </TableCell>
                <TableCell>{s.orgUnitName ?? s.orgUnitId}</TableCell>
                <TableCell>
                  <Select size="small" value={s.role} onChange={(e) => set(i, { role: e.target.value })}>
                    {ASSIGNMENT_ROLES.map((r) => (
                      <MenuItem key={r} value={r}>
                        {translate(`duban.assignmentRole.${r}`)}
                      </MenuItem>
                    ))}
                  </Select>
                </TableCell>
                <TableCell>
                  <MuiTextField size="small" type="date" value={s.deadline} onChange={(e) => set(i, { deadline: e.target.value })} />
                </TableCell>
                <TableCell>
                  <Select size="small" value={s.reportCycle} onChange={(e) => set(i, { reportCycle: e.target.value })}>
                    {REPORT_CYCLES.map((c) => (
                      <MenuItem key={c} value={c}>
                        {translate(`duban.reportCycle.${c}`)}
                      </MenuItem>
                    ))}
                  </Select>
                </TableCell>
                <TableCell>
                  <Typography variant="caption">{s.reasons.join('；')}</Typography>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      <CardContent>
        <Button variant="contained" disabled={isPending} onClick={() => mutate()}>
          {translate('duban.action.decompose')}
        </Button>
      </CardContent>
    </Card>
  );
};

const Body = () => {
  const record = useRecordContext<Row>();
  const translate = useTranslate();
  const ability = useAbility();
  if (!record) return null;
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <PlanItemText planItemId={String(record.id)} />
      {record.assignable === true && (
        <Card variant="outlined" sx={{ mb: 2 }}>
          <CardHeader title={translate('resources.assignments.name', { smart_count: 2 })} />
          <ReferenceManyField reference="assignments" target="planItemId" sort={{ field: 'position', order: 'ASC' }} perPage={50}>
            <Datagrid rowClick="show" bulkActionButtons={false} empty={<Box sx={{ p: 2 }}>{translate('duban.assignment.none')}</Box>}>
              <LightBadge source="light" sortable={false} />
              <TextField source="orgUnitName" sortable={false} />
              <CodeField source="role" group="assignmentRole" sortable={false} />
              <CodeField source="status" group="assignmentStatus" sortable={false} />
              <ProgressField sortable={false} />
              <DayField source="deadline" sortable={false} />
            </Datagrid>
          </ReferenceManyField>
        </Card>
      )}
      {record.assignable === true && ability.can('decompose', 'PlanItem') && <Decomposition item={record} />}
    </Box>
  );
};

const PlanItemShow = () => (
  <Show actions={false}>
    <Body />
  </Show>
);

export default PlanItemShow;

import { Alert, Box, Button } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { Datagrid, List, ReferenceField, TextField, TextInput, TopToolbar, useDataProvider, useNotify, useTranslate } from 'react-admin';
import { DayField } from '../../components/fields';
import type { DubanDataProvider } from '../../providers/dataProvider';

interface Verify {
  ok: boolean;
  checked: number;
  firstBadId: string | null;
  problem?: string;
}

/** GET /api/audit-events/verify, its result shown in words. */
const VerifyButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const { mutate, data, isPending } = useMutation({
    mutationFn: () => dataProvider.getJson<Verify>('audit-events/verify'),
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
      {data && (
        <Alert severity={data.ok ? 'success' : 'error'} sx={{ py: 0 }} data-testid="verify-result">
          {data.ok
            ? translate('duban.audit.ok', { count: data.checked })
            : `${translate('duban.audit.broken', { id: data.firstBadId ?? '' })} ${data.problem ?? ''}`}
        </Alert>
      )}
      <Button variant="outlined" size="small" disabled={isPending} onClick={() => mutate()}>
        {translate('duban.action.verify')}
      </Button>
    </Box>
  );
};

const AuditEventList = () => (
  <List
    sort={{ field: 'seq', order: 'DESC' }}
    perPage={25}
    exporter={false}
    filters={[<TextInput key="action" source="action" />]}
    actions={
      <TopToolbar>
        <VerifyButton />
      </TopToolbar>
    }
  >
    <Datagrid bulkActionButtons={false} rowClick={false}>
      <DayField source="at" time />
      <ReferenceField source="actorId" reference="users" link={false} sortable={false} emptyText="—">
        <TextField source="displayName" />
      </ReferenceField>
      <TextField source="action" sortable={false} />
      <TextField source="entity" sortable={false} />
      <TextField source="entityId" sortable={false} />
    </Datagrid>
  </List>
);

export default AuditEventList;

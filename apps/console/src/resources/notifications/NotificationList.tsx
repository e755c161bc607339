import { Box, Button, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import {
  BooleanInput,
  Datagrid,
  FunctionField,
  List,
  TopToolbar,
  useDataProvider,
  useLocaleState,
  useNotify,
  useRedirect,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { formatInstant } from '../../components/format';
import type { DubanDataProvider } from '../../providers/dataProvider';

type Row = Record<string, unknown>;

/** Opening a notice marks it read and goes to the record it is about (its `link` is a console route). */
export function useOpenNotice() {
  const dataProvider = useDataProvider<DubanDataProvider>();
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  return async (notice: Row) => {
    if (!notice.readAt) {
      await dataProvider.postJson(`notifications/${notice.id}/read`).catch(() => undefined);
      await queryClient.invalidateQueries({ queryKey: ['notifications'] });
    }
    if (typeof notice.link === 'string' && notice.link.startsWith('/')) redirect(notice.link);
  };
}

const ReadAllButton = () => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const refresh = useRefresh();
  const notify = useNotify();
  return (
    <Button
      size="small"
      onClick={() =>
        dataProvider.postJson('notifications/read-all').then(refresh, (error: Error) => notify(error.message, { type: 'error' }))
      }
    >
      {translate('duban.action.read_all')}
    </Button>
  );
};

const Notice = () => {
  const [locale] = useLocaleState();
  return (
    <FunctionField
      source="title"
      render={(n: Row) => (
        <Box sx={{ py: 0.5 }} data-testid="notice">
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="body2" sx={{ fontWeight: n.readAt ? 400 : 700 }}>
              {String(n.title)}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {formatInstant(n.createdAt as string, locale)}
            </Typography>
          </Box>
          <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'pre-wrap' }}>
            {String(n.body ?? '')}
          </Typography>
        </Box>
      )}
    />
  );
};

/** The caller's own inbox, newest first. */
const NotificationList = () => {
  const open = useOpenNotice();
  return (
    <List
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
      filters={[<BooleanInput key="read" source="read" label="resources.notifications.fields.readAt" />]}
      actions={
        <TopToolbar>
          <ReadAllButton />
        </TopToolbar>
      }
    >
      <Datagrid rowClick={(_id, _resource, record) => (open(record), false)} bulkActionButtons={false}>
        <Notice />
      </Datagrid>
    </List>
  );
};

export default NotificationList;

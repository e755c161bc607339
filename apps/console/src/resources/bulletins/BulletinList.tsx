import {
  Alert,
  Box,
  Button,
  Card,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  LinearProgress,
  Stack,
  Typography,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { List, useDataProvider, useListContext, useLocaleState, useNotify, useRefresh, useTranslate } from 'react-admin';
import { formatDay, formatInstant } from '../../components/format';
import { useDownload } from '../../components/useDownload';
import { useAbility } from '../../providers/ability';
import type { DubanDataProvider } from '../../providers/dataProvider';

type Row = Record<string, unknown>;

/** 发布: freezes the month's .docx and .xlsx (a month is published once), after a confirmation. */
const PublishButton = ({ bulletin }: { bulletin: Row }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const [open, setOpen] = useState(false);
  const month = String(bulletin.month);
  const { mutate, isPending } = useMutation({
    mutationFn: () => dataProvider.postJson(`bulletins/${month}/publish`, { planId: bulletin.planId }),
    onSuccess: () => {
      setOpen(false);
      notify('duban.bulletin.published_ok', { type: 'success', messageArgs: { month } });
      refresh();
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  return (
    <>
      <Button size="small" variant="contained" onClick={() => setOpen(true)} data-testid="bulletin-publish">
        {translate('duban.bulletin.publish')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)}>
        <DialogTitle>{translate('duban.bulletin.publish_title', { month })}</DialogTitle>
        <DialogContent>
          <Typography variant="body2">{translate('duban.bulletin.publish_warning')}</Typography>
          {isPending && <LinearProgress sx={{ mt: 2 }} />}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" disabled={isPending} onClick={() => mutate()} data-testid="bulletin-publish-confirm">
            {translate('duban.bulletin.publish')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};

/** One month: its state, and the .docx/.xlsx (the live draft before publication, the frozen copy after). */
const BulletinRow = ({ bulletin }: { bulletin: Row }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const ability = useAbility();
  const { download, busy } = useDownload();
  const month = String(bulletin.month);
  const published = bulletin.status === 'published';
  const query = `month=${month}&planId=${String(bulletin.planId)}`;
  return (
    <Box sx={{ px: 2, py: 1.5 }} data-testid="bulletin-row" data-month={month}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
          {translate('duban.bulletin.title', { month })}
        </Typography>
        <Chip
          size="small"
          color={published ? 'success' : 'default'}
          label={translate(published ? 'duban.bulletin.published' : 'duban.bulletin.draft')}
          data-testid="bulletin-status"
        />
        <Typography variant="body2" color="text.secondary">
          {published
            ? translate('duban.bulletin.published_at', { date: formatInstant(bulletin.publishedAt as string, locale) })
            : bulletin.asOf
              ? translate('duban.bulletin.as_of', { date: formatDay(bulletin.asOf as string, locale) })
              : ''}
        </Typography>
      </Box>
      <Stack direction="row" sx={{ mt: 1, gap: 1, flexWrap: 'wrap' }}>
        <Button
          size="small"
          variant="outlined"
          disabled={!!busy}
          onClick={() => download(`exports/bulletin.docx?${query}`, `通报-${month}.docx`)}
        >
          {translate(published ? 'duban.action.bulletin_docx' : 'duban.bulletin.preview_docx')}
        </Button>
        <Button
          size="small"
          variant="outlined"
          disabled={!!busy}
          onClick={() => download(`exports/bulletin.xlsx?${query}`, `通报-${month}.xlsx`)}
        >
          {translate(published ? 'duban.action.bulletin_xlsx' : 'duban.bulletin.preview_xlsx')}
        </Button>
        {!published && ability.can('publish', 'Bulletin') && <PublishButton bulletin={bulletin} />}
      </Stack>
      {busy && <LinearProgress sx={{ mt: 1 }} />}
    </Box>
  );
};

const BulletinRows = () => {
  const translate = useTranslate();
  const { data, isPending } = useListContext();
  if (isPending) return <LinearProgress />;
  if (!data?.length) return <Alert severity="info">{translate('duban.no_data')}</Alert>;
  return (
    <Card>
      <Stack divider={<Divider />}>
        {data.map((b) => (
          <BulletinRow key={String(b.id)} bulletin={b} />
        ))}
      </Stack>
    </Card>
  );
};

/** The monthly bulletins, newest first: stacked rows that fit a laptop and a phone alike. */
const BulletinList = () => (
  <List title="duban.menu.bulletins" sort={{ field: 'month', order: 'DESC' }} perPage={12} exporter={false} actions={false} component="div">
    <BulletinRows />
  </List>
);

export default BulletinList;

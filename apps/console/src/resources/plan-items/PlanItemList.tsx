import { Box, Button, Card, CardContent, Collapse, IconButton, Typography } from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Title, useDataProvider, useGetList, useNotify, useTranslate } from 'react-admin';
import { useAbility } from '../../providers/ability';
import type { DubanDataProvider } from '../../providers/dataProvider';

type Row = Record<string, unknown>;

/** "整章分解": accept the suggestions for every item of one chapter, in one transaction. */
const DecomposeChapterButton = ({ chapter }: { chapter: Row }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const { mutate, isPending } = useMutation({
    mutationFn: () =>
      dataProvider.postJson<{ assignments: number }>(`plans/${chapter.planId}/decompose-all`, { chapter: String(chapter.number) }),
    onSuccess: (r) => notify('duban.action.decomposed', { type: 'success', messageArgs: { count: r.assignments } }),
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  return (
    <Button size="small" disabled={isPending} onClick={() => mutate()}>
      {translate('duban.action.decompose_chapter')}
    </Button>
  );
};

/** One level of the tree: the children of `parentId` in document order, each expandable. */
const Level = ({ parentId, depth }: { parentId: string | null; depth: number }) => {
  const { data, isPending } = useGetList('plan-items', {
    filter: { parentId },
    sort: { field: 'position', order: 'ASC' },
    pagination: { page: 1, perPage: 100 },
  });
  if (isPending) return <Typography sx={{ pl: depth * 3, py: 0.5 }}>…</Typography>;
  return (
    <>
      {(data ?? []).map((item) => (
        <Node key={item.id} item={item} depth={depth} />
      ))}
    </>
  );
};

const Node = ({ item, depth }: { item: Row; depth: number }) => {
  const [open, setOpen] = useState(false);
  const ability = useAbility();
  const branch = item.kind === 'chapter' || item.kind === 'section' || item.kind === 'column';
  return (
    <Box data-testid="plan-node">
      <Box sx={{ display: 'flex', alignItems: 'center', pl: depth * 3, py: 0.25, '&:hover': { bgcolor: 'action.hover' } }}>
        {branch ? (
          <IconButton size="small" onClick={() => setOpen(!open)} aria-expanded={open}>
            {open ? <ExpandMoreIcon fontSize="small" /> : <ChevronRightIcon fontSize="small" />}
          </IconButton>
        ) : (
          <Box sx={{ width: 34 }} />
        )}
        <Typography
          component={Link}
          to={`/plan-items/${item.id}/show`}
          variant="body2"
          sx={{ color: 'text.primary', textDecoration: 'none', fontWeight: item.kind === 'chapter' ? 700 : 400, flex: 1 }}
        >
          {String(item.number ?? '')} {String(item.title)}
        </Typography>
        {item.kind === 'chapter' && ability.can('decompose', 'Plan') && <DecomposeChapterButton chapter={item} />}
      </Box>
      {branch && (
        <Collapse in={open} unmountOnExit>
          <Level parentId={String(item.id)} depth={depth + 1} />
        </Collapse>
      )}
    </Box>
  );
};

/** The plan browser: chapter → section → item in document order, each level loaded when opened. */
const PlanItemList = () => {
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('duban.menu.plan_browser')} />
      <CardContent>
        <Level parentId={null} depth={0} />
      </CardContent>
    </Card>
  );
};

export default PlanItemList;

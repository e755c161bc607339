import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Divider,
  LinearProgress,
  List as MuiList,
  ListItem,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import {
  List,
  ReferenceField,
  TextField,
  useDataProvider,
  useGetList,
  useListContext,
  useLocaleState,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { fieldLabel } from '@duban/domain';
import { formatDay, formatInstant } from '../../components/format';
import { useAbility } from '../../providers/ability';
import type { DubanDataProvider } from '../../providers/dataProvider';

type Row = Record<string, unknown>;

/** One row of what POST /api/plans/import answers in `added`, `removed`, `changed`. */
interface ImportedRow {
  kind: string;
  number: string;
  title: string;
  fields?: string[];
}

interface ImportResult {
  plan: Row;
  created: boolean;
  counts: Record<string, number>;
  added: ImportedRow[];
  removed: ImportedRow[];
  changed: ImportedRow[];
  problems: unknown[];
}

const SHOWN = 50;

/** Field names in the console's language (libs/domain's field labels). */
function useFieldNames(): (fields: string[]) => string {
  const [locale] = useLocaleState();
  return (fields) => fields.map((f) => fieldLabel(f, locale === 'en' ? 'en' : 'zh')).join(locale === 'en' ? ', ' : '、');
}

const RowsOf = ({ title, rows, color }: { title: string; rows: ImportedRow[]; color: 'success' | 'error' | 'warning' }) => {
  const translate = useTranslate();
  const names = useFieldNames();
  if (rows.length === 0) return null;
  return (
    <Box sx={{ mt: 1 }} data-testid={`import-${color}`}>
      <Chip size="small" color={color} label={`${title} ${rows.length}`} />
      <MuiList dense>
        {rows.slice(0, SHOWN).map((r, i) => (
          <ListItem key={`${r.kind}-${r.number}-${i}`} disableGutters>
            <ListItemText
              primary={`${translate(`duban.plan_import.kind.${r.kind}`, { _: r.kind })} ${r.number} ${r.title}`}
              secondary={r.fields?.length ? translate('duban.plan_import.fields', { fields: names(r.fields) }) : undefined}
              slotProps={{ primary: { sx: { wordBreak: 'break-word' } } }}
            />
          </ListItem>
        ))}
        {rows.length > SHOWN && <ListItem disableGutters>…（{rows.length - SHOWN}）</ListItem>}
      </MuiList>
    </Box>
  );
};

/** What an import added, removed and changed (items matched by kind and title, then number). */
const ImportDiff = ({ result }: { result: ImportResult }) => {
  const translate = useTranslate();
  const { added, removed, changed } = result;
  return (
    <Box data-testid="import-diff">
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
        {translate('duban.plan_import.result', { title: String(result.plan.title) })}
      </Typography>
      <Typography variant="body2" data-testid="import-counts">
        {translate('duban.plan_import.counts', { added: added.length, removed: removed.length, changed: changed.length })}
        {result.problems.length > 0 && ` · ${translate('duban.plan_import.problems', { count: result.problems.length })}`}
      </Typography>
      {added.length + removed.length + changed.length === 0 && (
        <Alert severity="info" sx={{ mt: 1 }}>
          {translate('duban.plan_import.none')}
        </Alert>
      )}
      <RowsOf title={translate('duban.plan_import.changed')} rows={changed} color="warning" />
      <RowsOf title={translate('duban.plan_import.removed')} rows={removed} color="error" />
      <RowsOf title={translate('duban.plan_import.added')} rows={added} color="success" />
    </Box>
  );
};

/** 导入: a .docx or .txt plan document → a draft plan, and what it changed against the last import. */
const ImportCard = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const { mutate, isPending } = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return dataProvider.postForm<ImportResult>('plans/import', form);
    },
    onSuccess: (r) => {
      setResult(r);
      refresh();
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  return (
    <Card sx={{ mb: 2 }}>
      <CardHeader title={translate('duban.menu.plan_import')} />
      <CardContent>
        <input
          ref={input}
          type="file"
          accept=".docx,.txt"
          hidden
          data-testid="plan-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) mutate(file);
            e.target.value = '';
          }}
        />
        <Button variant="contained" disabled={isPending} onClick={() => input.current?.click()}>
          {translate('duban.plan_import.choose')}
        </Button>
        {isPending && (
          <Box sx={{ mt: 2 }}>
            <Typography variant="body2">{translate('duban.plan_import.importing')}</Typography>
            <LinearProgress />
          </Box>
        )}
        {result && (
          <Box sx={{ mt: 2 }}>
            <ImportDiff result={result} />
          </Box>
        )}
      </CardContent>
    </Card>
  );
};

const ACTION_COLOR: Record<string, 'success' | 'error' | 'warning'> = { import: 'success', remove: 'error', reimport: 'warning' };
const ACTION_WORD: Record<string, string> = { import: 'added', remove: 'removed', reimport: 'changed' };

/** A draft plan's import history from the audit chain: each item added, removed or changed, newest first. */
const DraftChanges = ({ plan }: { plan: Row }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const names = useFieldNames();
  const [page, setPage] = useState(1);
  const { data, total } = useGetList('audit-events', {
    filter: { planId: plan.id, entity: 'PlanItem' },
    sort: { field: 'seq', order: 'DESC' },
    pagination: { page, perPage: 20 },
  });
  return (
    <Box data-testid="draft-changes">
      <Typography variant="body2" color="text.secondary">
        {translate('duban.plan_import.draft_changes', { title: String(plan.title), count: total ?? 0 })}
      </Typography>
      <MuiList dense>
        {(data ?? [])
          .filter((e) => e.action in ACTION_WORD)
          .map((e) => {
            const row = ((e.action === 'remove' ? e.before : e.after) ?? {}) as Row;
            return (
              <ListItem key={String(e.id)} disableGutters sx={{ gap: 1, alignItems: 'flex-start' }}>
                <Chip
                  size="small"
                  color={ACTION_COLOR[String(e.action)]}
                  label={translate(`duban.plan_import.${ACTION_WORD[String(e.action)]}`)}
                />
                <ListItemText
                  primary={
                    row.title ? (
                      `${String(row.number ?? '')} ${String(row.title)}`
                    ) : (
                      <ReferenceField record={e} source="entityId" reference="plan-items" link="show">
                        <TextField source="number" /> <TextField source="title" />
                      </ReferenceField>
                    )
                  }
                  secondary={`${formatInstant(e.at as string, locale)}${
                    e.action === 'reimport' ? ` · ${translate('duban.plan_import.fields', { fields: names(Object.keys(row)) })}` : ''
                  }`}
                />
              </ListItem>
            );
          })}
      </MuiList>
      {(total ?? 0) > page * 20 && (
        <Button size="small" onClick={() => setPage(page + 1)}>
          {translate('ra.navigation.next')}
        </Button>
      )}
    </Box>
  );
};

const PublishPlanButton = ({ plan }: { plan: Row }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const { mutate, isPending } = useMutation({
    mutationFn: () => dataProvider.postJson(`plans/${plan.id}/publish`, { version: plan.version }),
    onSuccess: () => {
      notify('duban.plan_import.published_ok', { type: 'success' });
      refresh();
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  return (
    <Button size="small" variant="outlined" disabled={isPending} onClick={() => mutate()}>
      {translate('duban.plan_import.publish')}
    </Button>
  );
};

const PlanRows = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const ability = useAbility();
  const { data, isPending } = useListContext();
  if (isPending) return <LinearProgress />;
  return (
    <Card>
      <Stack divider={<Divider />}>
        {(data ?? []).map((p) => (
          <Box key={String(p.id)} sx={{ px: 2, py: 1.5 }} data-testid="plan-row">
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
              <Typography variant="subtitle1" sx={{ fontWeight: 600, wordBreak: 'break-word' }}>
                {String(p.title)}
              </Typography>
              <Chip
                size="small"
                color={p.status === 'published' ? 'success' : 'default'}
                label={translate(`duban.planStatus.${String(p.status)}`)}
              />
              <Typography variant="body2" color="text.secondary">
                {formatDay(p.periodStart as string, locale)}—{formatDay(p.periodEnd as string, locale)}
              </Typography>
              {p.status === 'draft' && ability.can('publish', 'Plan') && <PublishPlanButton plan={p} />}
            </Box>
            {p.status === 'draft' && <DraftChanges plan={p} />}
          </Box>
        ))}
      </Stack>
    </Card>
  );
};

/** Plans: the import (office) with what it changed, then every plan, a draft's import changes under it. */
const PlanList = () => {
  const ability = useAbility();
  return (
    <Box>
      {ability.can('import', 'Plan') && <ImportCard />}
      <List
        title="duban.menu.plan_import"
        sort={{ field: 'createdAt', order: 'DESC' }}
        perPage={10}
        exporter={false}
        actions={false}
        component="div"
      >
        <PlanRows />
      </List>
    </Box>
  );
};

export default PlanList;

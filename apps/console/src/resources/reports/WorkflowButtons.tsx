import { subject } from '@casl/ability';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField, Tooltip } from '@mui/material';
import {
  allowedReportActions,
  INDICATOR_ASSESSMENTS,
  type IndicatorAssessment,
  type ReportAction,
  type ReportStatus,
  type Role,
} from '@duban/domain';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import {
  useDataProvider,
  useGetIdentity,
  useListContext,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  useUnselectAll,
} from 'react-admin';
import { useAbility } from '../../providers/ability';
import type { DubanDataProvider } from '../../providers/dataProvider';

type Row = Record<string, unknown>;

/** Whether a report has evidence that counts (not withdrawn). */
export function hasEvidence(record: Row): boolean {
  return ((record.evidence as { withdrawn: boolean }[] | undefined) ?? []).some((e) => !e.withdrawn);
}

/** The resources that run the reports' machine, and their ability subjects. */
export type WorkflowResource = 'reports' | 'indicator-values';
const SUBJECT: Record<WorkflowResource, 'Report' | 'IndicatorValue'> = { reports: 'Report', 'indicator-values': 'IndicatorValue' };
/** An indicator value always goes on to the office's acceptance, as a final report does (the API runs it so). */
const GOES_TO_ACCEPTANCE: Record<WorkflowResource, boolean> = { reports: false, 'indicator-values': true };

/**
 * One transition: POST /api/<resource>/:id/<action> {version, comment}; `return` asks for the reason first, and
 * approving a target in words (`judged`) asks for the inspector's assessment and its reason.
 */
const TransitionButton = ({
  action,
  record,
  resource,
  judged,
}: {
  action: ReportAction;
  record: Row;
  resource: WorkflowResource;
  judged: boolean;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const needsAssessment = action === 'approve' && judged;
  const needsReason = action === 'return' || needsAssessment;
  const [assessment, setAssessment] = useState<IndicatorAssessment | ''>('');
  const blocked = action === 'submit' && record.final === true && !hasEvidence(record);
  const { mutate, isPending } = useMutation({
    mutationFn: () =>
      dataProvider.postJson(`${resource}/${record.id}/${action}`, {
        version: record.version,
        comment: comment.trim() || undefined,
        assessment: needsAssessment ? assessment || undefined : undefined,
      }),
    onSuccess: () => {
      setOpen(false);
      setComment('');
      notify('duban.action.done', { type: 'success', messageArgs: { action: translate(`duban.action.${action}`) } });
      refresh();
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  const button = (
    <span>
      <Button
        variant={action === 'return' ? 'outlined' : 'contained'}
        color={action === 'return' ? 'error' : 'primary'}
        disabled={isPending || blocked}
        onClick={() => (needsReason ? setOpen(true) : mutate())}
        data-testid={`action-${action}`}
      >
        {translate(`duban.action.${action}`)}
      </Button>
    </span>
  );
  return (
    <>
      {blocked ? <Tooltip title={translate('duban.action.final_needs_evidence')}>{button}</Tooltip> : button}
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate(`duban.action.${action}`)}</DialogTitle>
        <DialogContent>
          {needsAssessment && (
            <TextField
              select
              fullWidth
              margin="dense"
              label={translate('duban.indicator.assessment')}
              value={assessment}
              onChange={(e) => setAssessment(e.target.value as IndicatorAssessment)}
              slotProps={{ htmlInput: { 'data-testid': 'assessment' } }}
            >
              {INDICATOR_ASSESSMENTS.map((a) => (
                <MenuItem key={a} value={a}>
                  {translate(`duban.indicatorStatus.${a}`)}
                </MenuItem>
              ))}
            </TextField>
          )}
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={3}
            margin="dense"
            label={translate(needsAssessment ? 'duban.indicator.assessment_reason' : 'duban.action.reason')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'return-reason' } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('duban.action.cancel')}</Button>
          <Button
            variant="contained"
            color={needsAssessment ? 'primary' : 'error'}
            disabled={isPending || comment.trim().length < 2 || (needsAssessment && !assessment)}
            onClick={() => mutate()}
            data-testid={needsAssessment ? 'confirm-approve' : 'confirm-return'}
          >
            {translate(`duban.action.${action}`)}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};

/**
 * The transitions this user may take on this report (or indicator value) now: the state's transitions for the
 * user's role from libs/domain's table, each also allowed by the shared ability on this record.
 */
export const WorkflowButtons = ({ resource = 'reports', judged = false }: { resource?: WorkflowResource; judged?: boolean }) => {
  const record = useRecordContext<Row>();
  const ability = useAbility();
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  if (!record || !identity) return null;
  const actions = allowedReportActions(
    record.status as ReportStatus,
    identity.role as Role,
    GOES_TO_ACCEPTANCE[resource] || record.final === true,
  ).filter((action) => ability.can(action, subject(SUBJECT[resource], { ...record })));
  if (actions.length === 0) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', gap: 1 }} data-testid="workflow">
      {actions.map((action) => (
        <TransitionButton key={action} action={action} record={record} resource={resource} judged={judged} />
      ))}
      {record.final === true && record.status === 'draft' && !hasEvidence(record) && (
        <span style={{ alignSelf: 'center', fontSize: 13 }}>{translate('duban.action.final_needs_evidence')}</span>
      )}
    </Stack>
  );
};

interface BulkResult {
  id: string;
  status: string;
  error?: string;
}

/** POST /api/reports/approve-many {ids, comment}: one request for the selected reports, then each one's result. */
export const BulkApproveButton = () => {
  const { selectedIds, resource } = useListContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll(resource);
  const dataProvider = useDataProvider<DubanDataProvider>();
  const { mutate, isPending } = useMutation({
    mutationFn: () => dataProvider.postJson<BulkResult[]>('reports/approve-many', { ids: selectedIds }),
    onSuccess: (results) => {
      const failed = results.filter((r) => r.error);
      notify('duban.action.bulk_done', {
        type: failed.length ? 'warning' : 'success',
        messageArgs: { ok: results.length - failed.length, failed: failed.length },
      });
      unselectAll();
      refresh();
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  return (
    <Button variant="contained" size="small" disabled={isPending} onClick={() => mutate()} data-testid="bulk-approve">
      {translate('duban.action.bulk_approve')}
    </Button>
  );
};

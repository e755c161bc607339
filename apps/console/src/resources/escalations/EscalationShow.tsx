import { subject } from '@casl/ability';
import { Alert, Box, Button, Card, CardContent, Stack, TextField as MuiTextField, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import PrintIcon from '@mui/icons-material/Print';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { targetLabel } from '@duban/domain';
import { Show, useDataProvider, useGetOne, useLocaleState, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { formatDay, formatInstant } from '../../components/format';
import { useSite } from '../../layout/useSite';
import { useAbility } from '../../providers/ability';
import type { DubanDataProvider } from '../../providers/dataProvider';

type Row = Record<string, unknown>;

/** The answer form: what was done and the promised date (only for whoever may answer this kind). */
const RespondForm = ({ record }: { record: Row }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const [response, setResponse] = useState('');
  const [promisedDate, setPromisedDate] = useState('');
  const { mutate, isPending } = useMutation({
    mutationFn: () =>
      dataProvider.postJson(`escalations/${record.id}/respond`, {
        response: response.trim(),
        promisedDate: promisedDate || undefined,
        version: record.version,
      }),
    onSuccess: () => {
      notify('duban.action.responded', { type: 'success' });
      refresh();
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  return (
    <Card variant="outlined" sx={{ mt: 2 }} className="no-print" data-testid="respond-form">
      <CardContent>
        <Typography variant="subtitle1" sx={{ mb: 1 }}>
          {translate('duban.action.respond')}
        </Typography>
        <MuiTextField
          fullWidth
          multiline
          minRows={3}
          label={translate('duban.action.response')}
          value={response}
          onChange={(e) => setResponse(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'response' } }}
        />
        <MuiTextField
          type="date"
          label={translate('duban.action.promised_date')}
          value={promisedDate}
          onChange={(e) => setPromisedDate(e.target.value)}
          sx={{ mt: 2 }}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'promised-date' } }}
        />
        <Box sx={{ mt: 2 }}>
          <Button
            variant="contained"
            disabled={isPending || response.trim().length < 2}
            onClick={() => mutate()}
            data-testid="submit-response"
          >
            {translate('duban.action.respond')}
          </Button>
        </Box>
      </CardContent>
    </Card>
  );
};

/** The same 督办单 as an A4 Word document (GET /api/exports/supervision-notice.docx), fetched with the token. */
const DocxButton = ({ id, number }: { id: string; number: string | null }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const blob = await dataProvider.fetchBlob(`exports/supervision-notice.docx?id=${id}`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `督办单${number ? `-${number}` : ''}.docx`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="outlined" startIcon={<DownloadIcon />} disabled={busy} onClick={() => void download()} data-testid="notice-docx">
      {translate('duban.action.docx')}
    </Button>
  );
};

/** The notice itself; a 督办单 (supervision) is laid out to print on one A4 page. */
const Notice = () => {
  const site = useSite();
  const record = useRecordContext<Row>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const ability = useAbility();
  const { data: assignment } = useGetOne('assignments', { id: record?.assignmentId as string }, { enabled: !!record });
  const { data: unit } = useGetOne('org-units', { id: record?.orgUnitId as string }, { enabled: !!record });
  if (!record) return null;
  const canRespond = !record.respondedAt && ability.can('respond', subject('Escalation', { ...record }));
  const kind = translate(`duban.escalationKind.${String(record.kind)}`);
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Stack direction="row" spacing={1} className="no-print" sx={{ mb: 2 }}>
        <Button variant="outlined" startIcon={<PrintIcon />} onClick={() => window.print()} data-testid="print">
          {translate('duban.action.print')}
        </Button>
        {record.kind === 'supervision' && <DocxButton id={String(record.id)} number={record.number as string | null} />}
      </Stack>
      <Box
        className="print-sheet"
        data-testid="notice-sheet"
        sx={{ maxWidth: '210mm', mx: 'auto', bgcolor: 'background.paper', p: { xs: 2, sm: 4 }, border: 1, borderColor: 'divider' }}
      >
        <Typography variant="h5" align="center" sx={{ fontWeight: 700, letterSpacing: '0.2em', color: '#c62828' }}>
          {site?.issuer}
        </Typography>
        <Typography variant="h6" align="center" sx={{ mt: 1, letterSpacing: '0.3em' }}>
          {record.kind === 'supervision' ? translate('duban.notice.title') : kind}
        </Typography>
        {record.number ? (
          <Typography align="center" sx={{ mt: 1 }} data-testid="notice-number">
            {String(record.number)}
          </Typography>
        ) : null}
        <Box sx={{ borderTop: 2, borderColor: '#c62828', my: 2 }} />
        <Typography sx={{ mb: 1 }}>
          <b>{unit ? String(unit.name) : ''}</b>：
        </Typography>
        <Typography sx={{ textIndent: '2em', lineHeight: 2 }} data-testid="notice-reason">
          {String(record.reason ?? '')}
        </Typography>
        <Box
          component="table"
          sx={{
            width: '100%',
            mt: 2,
            borderCollapse: 'collapse',
            '& td': { border: 1, borderColor: 'divider', p: 1, verticalAlign: 'top' },
          }}
        >
          <tbody>
            <tr>
              <td style={{ width: '28%' }}>{translate('resources.escalations.fields.assignmentId')}</td>
              <td>{assignment ? `${assignment.planItemNumber} ${assignment.planItemTitle}` : ''}</td>
            </tr>
            <tr>
              <td>{translate('duban.notice.late_what')}</td>
              <td>
                {targetLabel(String(record.target ?? ''), locale === 'en' ? 'en' : 'zh')} · {formatDay(record.targetDate as string, locale)}{' '}
                · {translate('duban.assignment.days_overdue', { days: record.daysOverdue })}
              </td>
            </tr>
            <tr>
              <td>{translate('duban.notice.respond_by')}</td>
              <td>{formatDay(record.dueAt as string, locale)}</td>
            </tr>
            <tr>
              <td>{translate('resources.escalations.fields.response')}</td>
              <td data-testid="notice-response">
                {record.respondedAt
                  ? `${String(record.response ?? '')}（${formatInstant(record.respondedAt as string, locale)}）`
                  : translate('duban.notice.unanswered')}
              </td>
            </tr>
            <tr>
              <td>{translate('resources.escalations.fields.promisedDate')}</td>
              <td>{formatDay(record.promisedDate as string, locale) || '—'}</td>
            </tr>
          </tbody>
        </Box>
        <Typography align="right" sx={{ mt: 4 }}>
          {site?.issuer}
        </Typography>
        <Typography align="right">{formatDay(record.createdAt as string, locale)}</Typography>
      </Box>
      {record.respondedAt ? (
        <Alert severity="success" sx={{ mt: 2 }} className="no-print">
          {translate('duban.action.responded')}
        </Alert>
      ) : null}
      {canRespond && <RespondForm record={record} />}
    </Box>
  );
};

const EscalationShow = () => (
  <Show actions={false}>
    <Notice />
  </Show>
);

export default EscalationShow;

import { subject } from '@casl/ability';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Dialog,
  DialogContent,
  DialogTitle,
  IconButton,
  LinearProgress,
  Stack,
  Typography,
} from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import DescriptionIcon from '@mui/icons-material/Description';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { isReportEditable, parsePeriod, type ReportCycle, type ReportStatus } from '@duban/domain';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useDropzone } from 'react-dropzone';
import { useDataProvider, useLocaleState, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { formatBytes, formatInstant } from '../../components/format';
import { useAbility } from '../../providers/ability';
import type { DubanDataProvider } from '../../providers/dataProvider';

type Row = Record<string, unknown>;

export interface EvidenceRow {
  id: string;
  filename: string;
  mimeType: string;
  size: number;
  capturedAt: string | null;
  gps: { lat: number; lng: number } | null;
  withdrawn: boolean;
  createdAt: string;
}

const CYCLE_OF: [RegExp, ReportCycle][] = [
  [/-Q\d$/, 'quarterly'],
  [/-H\d$/, 'semiannual'],
  [/-\d{2}$/, 'monthly'],
  [/^\d{4}$/, 'annual'],
];

/** The first day of a report period (2024-Q2 → 2024-04-01). */
export function periodStart(period: string): string | null {
  const cycle = CYCLE_OF.find(([pattern]) => pattern.test(period))?.[1];
  return cycle ? (parsePeriod(period, cycle)?.start ?? null) : null;
}

/** The file's content fetched with the token, as a blob URL (revoked when the component goes). */
function useBlobUrl(id: string, enabled = true): string | undefined {
  const dataProvider = useDataProvider<DubanDataProvider>();
  const { data: blob } = useQuery({
    queryKey: ['evidence', 'content', id],
    queryFn: () => dataProvider.fetchBlob(`evidence/${id}/content`),
    enabled,
    staleTime: Infinity,
  });
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) return undefined;
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return url;
}

const isImage = (e: EvidenceRow) => e.mimeType.startsWith('image/') && e.mimeType !== 'image/heic';
const isPdf = (e: EvidenceRow) => e.mimeType === 'application/pdf';

/** The viewer: an image at full size with zoom, a PDF inline, the photo's facts beside its upload time. */
const Viewer = ({ evidence, period, onClose }: { evidence: EvidenceRow; period: string; onClose: () => void }) => {
  const translate = useTranslate();
  const url = useBlobUrl(evidence.id);
  const [zoom, setZoom] = useState(1);
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" data-testid="evidence-viewer">
      <DialogTitle sx={{ pr: 6 }}>
        {evidence.filename}
        <IconButton onClick={onClose} sx={{ position: 'absolute', right: 8, top: 8 }} aria-label={translate('duban.action.cancel')}>
          <CloseIcon />
        </IconButton>
      </DialogTitle>
      <DialogContent>
        <PhotoFacts evidence={evidence} period={period} />
        {isImage(evidence) && (
          <>
            <Stack direction="row" spacing={1} sx={{ my: 1 }}>
              {[1, 2, 3].map((z) => (
                <Button key={z} size="small" variant={zoom === z ? 'contained' : 'outlined'} onClick={() => setZoom(z)}>
                  {translate('duban.report.zoom')} {z}×
                </Button>
              ))}
            </Stack>
            <Box sx={{ overflow: 'auto', maxHeight: '70vh', bgcolor: '#222', textAlign: 'center' }}>
              {url && (
                <img
                  src={url}
                  alt={evidence.filename}
                  data-testid="evidence-image"
                  style={{ width: `${zoom * 100}%`, maxWidth: zoom === 1 ? '100%' : 'none', cursor: 'zoom-in' }}
                  onClick={() => setZoom(zoom === 3 ? 1 : zoom + 1)}
                />
              )}
            </Box>
          </>
        )}
        {isPdf(evidence) && url && (
          <iframe title={evidence.filename} src={url} style={{ width: '100%', height: '70vh', border: 0 }} data-testid="evidence-pdf" />
        )}
        {!isImage(evidence) && !isPdf(evidence) && url && (
          <Button href={url} download={evidence.filename} variant="outlined">
            {evidence.filename}
          </Button>
        )}
      </DialogContent>
    </Dialog>
  );
};

/** Capture time and place (EXIF, read by the API) beside the upload time, and a warning for an old photo. */
const PhotoFacts = ({ evidence, period }: { evidence: EvidenceRow; period: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const start = periodStart(period);
  const old = evidence.capturedAt && start && evidence.capturedAt.slice(0, 10) < start;
  return (
    <Box sx={{ fontSize: 13 }} data-testid="photo-facts">
      <Typography variant="caption" component="div">
        {translate('duban.report.uploaded_at')}：{formatInstant(evidence.createdAt, locale)} · {formatBytes(evidence.size)}
      </Typography>
      {evidence.capturedAt && (
        <Typography variant="caption" component="div">
          {translate('duban.report.captured_at')}：{formatInstant(evidence.capturedAt, locale)}
        </Typography>
      )}
      {evidence.gps && (
        <Typography variant="caption" component="div">
          {translate('duban.report.place')}：{evidence.gps.lat.toFixed(5)}, {evidence.gps.lng.toFixed(5)}
        </Typography>
      )}
      {old && (
        <Alert severity="warning" sx={{ py: 0, mt: 0.5 }} data-testid="old-photo">
          {translate('duban.report.old_photo', { date: formatInstant(evidence.capturedAt, locale), period })}
        </Alert>
      )}
    </Box>
  );
};

const Thumbnail = ({ evidence, onOpen }: { evidence: EvidenceRow; onOpen: () => void }) => {
  const url = useBlobUrl(evidence.id, isImage(evidence));
  return (
    <Box
      component="button"
      type="button"
      onClick={onOpen}
      data-testid="evidence-thumb"
      sx={{
        width: 120,
        height: 90,
        p: 0,
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        bgcolor: 'action.hover',
        cursor: 'pointer',
        overflow: 'hidden',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        opacity: evidence.withdrawn ? 0.4 : 1,
      }}
    >
      {isImage(evidence) && url ? (
        <img src={url} alt={evidence.filename} style={{ width: '100%', height: '100%', objectFit: 'cover' }} />
      ) : isPdf(evidence) ? (
        <PictureAsPdfIcon fontSize="large" color="error" />
      ) : (
        <DescriptionIcon fontSize="large" color="primary" />
      )}
    </Box>
  );
};

/** Drop zone with one progress bar per file (XMLHttpRequest upload progress). */
const DropZone = ({ owner }: { owner: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const [uploads, setUploads] = useState<Record<string, number>>({});
  const onDrop = async (files: File[]) => {
    for (const file of files) {
      setUploads((u) => ({ ...u, [file.name]: 0 }));
      try {
        await dataProvider.uploadEvidence(owner, file, ({ loaded, total }) =>
          setUploads((u) => ({ ...u, [file.name]: total ? Math.round((loaded / total) * 100) : 0 })),
        );
        notify('duban.report.uploaded', { type: 'success', messageArgs: { name: file.name } });
      } catch (error) {
        notify(error instanceof Error ? error.message : String(error), { type: 'error' });
      } finally {
        setUploads(({ [file.name]: _done, ...rest }) => rest);
      }
    }
    refresh();
  };
  const { getRootProps, getInputProps, isDragActive } = useDropzone({ onDrop, multiple: true });
  return (
    <Box sx={{ mb: 2 }}>
      <Box
        {...getRootProps()}
        data-testid="dropzone"
        sx={{
          border: 2,
          borderStyle: 'dashed',
          borderColor: isDragActive ? 'primary.main' : 'divider',
          borderRadius: 1,
          p: 3,
          textAlign: 'center',
          cursor: 'pointer',
          bgcolor: isDragActive ? 'action.hover' : 'transparent',
        }}
      >
        <input {...getInputProps()} data-testid="evidence-input" />
        <Typography variant="body2">{translate('duban.report.drop')}</Typography>
      </Box>
      {Object.entries(uploads).map(([name, percent]) => (
        <Box key={name} sx={{ mt: 1 }} data-testid="upload-progress">
          <Typography variant="caption">
            {translate('duban.report.uploading', { name })} {percent}%
          </Typography>
          <LinearProgress variant="determinate" value={percent} />
        </Box>
      ))}
    </Box>
  );
};

const WithdrawButton = ({ evidence }: { evidence: EvidenceRow }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<DubanDataProvider>();
  const withdraw = async () => {
    try {
      await dataProvider.delete('evidence', { id: evidence.id, previousData: evidence });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { type: 'error' });
    }
  };
  return (
    <Button size="small" color="error" onClick={withdraw} data-testid="withdraw">
      {translate('duban.report.withdraw')}
    </Button>
  );
};

/**
 * The evidence of a report or an indicator value (`resource`): upload while the record is editable, thumbnails, the
 * viewer. `period` is what an old photo is compared with (a report's period, a value's year).
 */
export const EvidencePanel = ({ resource = 'reports' }: { resource?: 'reports' | 'indicator-values' }) => {
  const record = useRecordContext<Row>();
  const translate = useTranslate();
  const ability = useAbility();
  const [open, setOpen] = useState<EvidenceRow | null>(null);
  if (!record) return null;
  const evidence = (record.evidence as EvidenceRow[] | undefined) ?? [];
  const editable =
    isReportEditable(record.status as ReportStatus) && ability.can('create', subject('Evidence', { orgUnitId: record.orgUnitId }));
  const visible = evidence.filter((e) => !e.withdrawn || editable);
  return (
    <Card variant="outlined" sx={{ mb: 2 }}>
      <CardHeader title={translate('duban.report.evidence')} />
      <CardContent sx={{ pt: 0 }}>
        {editable && <DropZone owner={`${resource}/${record.id}`} />}
        {visible.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {translate('duban.report.no_evidence')}
          </Typography>
        )}
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2 }}>
          {visible.map((e) => (
            <Box key={e.id} sx={{ width: 220 }} data-testid="evidence-item">
              <Thumbnail evidence={e} onOpen={() => setOpen(e)} />
              <Typography variant="body2" sx={{ wordBreak: 'break-all', mt: 0.5 }}>
                {e.filename}
                {e.withdrawn && ` · ${translate('duban.report.withdrawn')}`}
              </Typography>
              <PhotoFacts evidence={e} period={String(record.period ?? record.year)} />
              {editable && !e.withdrawn && <WithdrawButton evidence={e} />}
            </Box>
          ))}
        </Box>
      </CardContent>
      {open && <Viewer evidence={open} period={String(record.period ?? record.year)} onClose={() => setOpen(null)} />}
    </Card>
  );
};

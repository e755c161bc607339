import { Box, Button, Card, CardContent, CardHeader, LinearProgress, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { Title, useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { DubanDataProvider } from '../../providers/dataProvider';

/** Fetches a file with the token and hands it to the browser under its name. */
function useDownload() {
  const dataProvider = useDataProvider<DubanDataProvider>();
  const notify = useNotify();
  const [busy, setBusy] = useState<string | null>(null);
  const download = async (path: string, filename: string) => {
    setBusy(path);
    try {
      const blob = await dataProvider.fetchBlob(path);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { type: 'error' });
    } finally {
      setBusy(null);
    }
  };
  return { download, busy };
}

/** The ledger and the monthly bulletin. */
const DownloadsPage = () => {
  const translate = useTranslate();
  const { download, busy } = useDownload();
  const [month, setMonth] = useState('2024-05');
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('duban.menu.downloads')} />
      <Card>
        <CardHeader title={translate('duban.menu.downloads')} />
        <CardContent>
          <Stack spacing={2} sx={{ maxWidth: 420 }}>
            <Button variant="contained" onClick={() => download('exports/assignments.xlsx', '台账.xlsx')} disabled={!!busy}>
              {translate('duban.action.download_ledger')}
            </Button>
            <TextField type="month" size="small" value={month} onChange={(e) => setMonth(e.target.value)} />
            <Button
              variant="outlined"
              onClick={() => download(`exports/bulletin.docx?month=${month}`, `通报-${month}.docx`)}
              disabled={!!busy}
            >
              {translate('duban.action.bulletin_docx')}
            </Button>
            <Button
              variant="outlined"
              onClick={() => download(`exports/bulletin.xlsx?month=${month}`, `通报-${month}.xlsx`)}
              disabled={!!busy}
            >
              {translate('duban.action.bulletin_xlsx')}
            </Button>
            {busy && <LinearProgress />}
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
};

export default DownloadsPage;

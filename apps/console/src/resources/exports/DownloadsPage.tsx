import { Box, Button, Card, CardContent, CardHeader, LinearProgress, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useDownload } from '../../components/useDownload';

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

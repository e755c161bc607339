import { useState } from 'react';
import { useDataProvider, useNotify } from 'react-admin';
import type { DubanDataProvider } from '../providers/dataProvider';

/** Fetches a file with the token and hands it to the browser under its name; `busy` is the path being fetched. */
export function useDownload() {
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

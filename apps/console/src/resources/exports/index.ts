import { lazy } from 'react';

/** Downloads (ledger, bulletin): a page of its own (App.tsx). */
export const DownloadsPage = lazy(() => import('./DownloadsPage'));

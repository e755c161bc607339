import { lazy } from 'react';

/** Settings and the demo clock: a page of its own (App.tsx), not a list resource. */
export const SettingsPage = lazy(() => import('./SettingsPage'));

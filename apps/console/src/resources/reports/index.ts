import { lazy } from 'react';
import ReportIcon from '@mui/icons-material/Summarize';
import type { ResourceDefinition } from '../types';

const reports: ResourceDefinition = {
  list: lazy(() => import('./ReportList')),
  show: lazy(() => import('./ReportShow')),
  create: lazy(() => import('./ReportCreate')),
  edit: lazy(() => import('./ReportEdit')),
  icon: ReportIcon,
  recordRepresentation: 'period',
};
export default reports;

/** The queues: routes of their own (App.tsx), lists of this resource with a fixed filter. */
export const ConfirmQueue = lazy(() => import('./queues').then((m) => ({ default: m.ConfirmQueue })));
export const ReviewQueue = lazy(() => import('./queues').then((m) => ({ default: m.ReviewQueue })));
export const AcceptanceQueue = lazy(() => import('./queues').then((m) => ({ default: m.AcceptanceQueue })));

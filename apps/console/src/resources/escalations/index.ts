import { lazy } from 'react';
import CampaignIcon from '@mui/icons-material/Campaign';
import type { ResourceDefinition } from '../types';

const escalations: ResourceDefinition = {
  list: lazy(() => import('./EscalationList')),
  show: lazy(() => import('./EscalationShow')),
  icon: CampaignIcon,
  recordRepresentation: (r) => String(r.number ?? r.reason ?? ''),
};
export default escalations;

/** The office's board of overdue work by unit: its own route (App.tsx). */
export const OverdueBoard = lazy(() => import('./OverdueBoard'));

import { lazy } from 'react';
import HistoryIcon from '@mui/icons-material/History';
import type { ResourceDefinition } from '../types';

const auditEvents: ResourceDefinition = {
  list: lazy(() => import('./AuditEventList')),
  icon: HistoryIcon,
  recordRepresentation: 'action',
};
export default auditEvents;

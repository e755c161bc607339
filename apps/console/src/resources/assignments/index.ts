import { lazy } from 'react';
import AssignmentIcon from '@mui/icons-material/AssignmentTurnedIn';
import type { ResourceDefinition } from '../types';

const assignments: ResourceDefinition = {
  list: lazy(() => import('./AssignmentList')),
  show: lazy(() => import('./AssignmentShow')),
  icon: AssignmentIcon,
  recordRepresentation: (r) => `${r.planItemNumber} ${r.planItemTitle} · ${r.orgUnitName}`,
};
export default assignments;

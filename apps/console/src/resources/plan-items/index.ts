import { lazy } from 'react';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import type { ResourceDefinition } from '../types';

const planItems: ResourceDefinition = {
  list: lazy(() => import('./PlanItemList')),
  show: lazy(() => import('./PlanItemShow')),
  icon: AccountTreeIcon,
  recordRepresentation: (r) => `${r.number ?? ''} ${r.title}`,
};
export default planItems;

import { lazy } from 'react';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import type { ResourceDefinition } from '../types';

/** The plans (GET /api/plans): import a document, see what a re-import changed, publish a draft. */
const plans: ResourceDefinition = {
  list: lazy(() => import('./PlanList')),
  icon: UploadFileIcon,
  recordRepresentation: 'title',
};
export default plans;

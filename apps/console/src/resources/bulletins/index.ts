import { lazy } from 'react';
import ArticleIcon from '@mui/icons-material/Article';
import type { ResourceDefinition } from '../types';

/** The monthly bulletins (GET /api/bulletins): preview the draft, publish it (office), download it. */
const bulletins: ResourceDefinition = {
  list: lazy(() => import('./BulletinList')),
  icon: ArticleIcon,
  recordRepresentation: 'month',
};
export default bulletins;

import { lazy } from 'react';
import InboxIcon from '@mui/icons-material/Inbox';
import type { ResourceDefinition } from '../types';

const notifications: ResourceDefinition = {
  list: lazy(() => import('./NotificationList')),
  icon: InboxIcon,
  recordRepresentation: 'title',
};
export default notifications;

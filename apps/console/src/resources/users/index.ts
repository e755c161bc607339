import { lazy } from 'react';
import PeopleIcon from '@mui/icons-material/People';
import type { ResourceDefinition } from '../types';

const users: ResourceDefinition = {
  list: lazy(() => import('./users').then((m) => ({ default: m.UserList }))),
  create: lazy(() => import('./users').then((m) => ({ default: m.UserCreate }))),
  edit: lazy(() => import('./users').then((m) => ({ default: m.UserEdit }))),
  icon: PeopleIcon,
  recordRepresentation: 'displayName',
};
export default users;

import { lazy } from 'react';
import ApartmentIcon from '@mui/icons-material/Apartment';
import type { ResourceDefinition } from '../types';

const orgUnits: ResourceDefinition = {
  list: lazy(() => import('./orgUnits').then((m) => ({ default: m.OrgUnitList }))),
  create: lazy(() => import('./orgUnits').then((m) => ({ default: m.OrgUnitCreate }))),
  edit: lazy(() => import('./orgUnits').then((m) => ({ default: m.OrgUnitEdit }))),
  icon: ApartmentIcon,
  recordRepresentation: 'name',
};
export default orgUnits;

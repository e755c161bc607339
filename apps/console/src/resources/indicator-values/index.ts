import { lazy } from 'react';
import ValueIcon from '@mui/icons-material/Timeline';
import type { ResourceDefinition } from '../types';

const indicatorValues: ResourceDefinition = {
  list: lazy(() => import('./IndicatorValueList')),
  show: lazy(() => import('./IndicatorValueShow')),
  create: lazy(() => import('./IndicatorValueCreate')),
  edit: lazy(() => import('./IndicatorValueEdit')),
  icon: ValueIcon,
  recordRepresentation: 'year',
};
export default indicatorValues;

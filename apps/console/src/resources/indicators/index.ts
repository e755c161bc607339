import { lazy } from 'react';
import IndicatorIcon from '@mui/icons-material/QueryStats';
import type { ResourceDefinition } from '../types';

const indicators: ResourceDefinition = {
  list: lazy(() => import('./IndicatorList')),
  icon: IndicatorIcon,
  recordRepresentation: 'name',
};
export default indicators;

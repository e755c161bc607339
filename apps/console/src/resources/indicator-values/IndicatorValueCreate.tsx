import { Create } from 'react-admin';
import { IndicatorValueForm } from './IndicatorValueForm';

const IndicatorValueCreate = () => (
  <Create redirect="show">
    <IndicatorValueForm creating />
  </Create>
);

export default IndicatorValueCreate;

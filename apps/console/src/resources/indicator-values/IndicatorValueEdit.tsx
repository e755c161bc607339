import { Edit } from 'react-admin';
import { IndicatorValueForm } from './IndicatorValueForm';

const IndicatorValueEdit = () => (
  <Edit redirect="show" mutationMode="pessimistic">
    <IndicatorValueForm creating={false} />
  </Edit>
);

export default IndicatorValueEdit;

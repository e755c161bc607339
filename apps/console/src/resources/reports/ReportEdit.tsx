import { Edit } from 'react-admin';
import { ReportForm } from './ReportForm';

const ReportEdit = () => (
  <Edit redirect="show" mutationMode="pessimistic">
    <ReportForm creating={false} />
  </Edit>
);

export default ReportEdit;

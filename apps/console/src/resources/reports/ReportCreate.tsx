import { Create } from 'react-admin';
import { ReportForm } from './ReportForm';

/** A new draft; the evidence is added on its page, then it is submitted. */
const ReportCreate = () => (
  <Create redirect="show" transform={(data: Record<string, unknown>) => ({ ...data, final: data.final === true })}>
    <ReportForm creating />
  </Create>
);

export default ReportCreate;

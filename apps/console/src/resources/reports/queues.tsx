import { BulkApproveButton } from './WorkflowButtons';
import { ReportQueue } from './ReportList';

/** The leader's queue: the unit's submitted reports (the API scopes them), oldest first. */
export const ConfirmQueue = () => <ReportQueue filter={{ status: 'submitted' }} titleKey="duban.menu.confirm_queue" />;

/** The inspector's queue by waiting time, with approve-many. */
export const ReviewQueue = () => (
  <ReportQueue filter={{ status: 'confirmed' }} titleKey="duban.menu.review_queue" bulkActions={<BulkApproveButton />} />
);

/** The office's 销号 queue: approved final reports. */
export const AcceptanceQueue = () => <ReportQueue filter={{ status: 'approved', final: true }} titleKey="duban.menu.acceptance_queue" />;

export default ReviewQueue;

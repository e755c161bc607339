import { Foundation1764400000000 } from './1764400000000-foundation';
import { Plans1764400100000 } from './1764400100000-plans';
import { Assignments1764400200000 } from './1764400200000-assignments';
import { CalendarNotifications1764400250000 } from './1764400250000-calendar-notifications';
import { Reports1764400300000 } from './1764400300000-reports';
import { Decomposition1764400400000 } from './1764400400000-decomposition';
import { Escalations1764400500000 } from './1764400500000-escalations';
import { SweepIndexes1764400600000 } from './1764400600000-sweep-indexes';
import { CalendarAssumedYears1796172667397 } from './1796172667397-calendar-assumed-years';
import { AuditNoTruncate1796176756139 } from './1796176756139-audit-no-truncate';
import { NotificationUnit1796178231149 } from './1796178231149-notification-unit';
import { Bulletins1796179154305 } from './1796179154305-bulletins';
import { IndicatorDuties1796190000000 } from './1796190000000-indicator-duties';
import { IndicatorValues1796190100000 } from './1796190100000-indicator-values';
import { EvaluationPublications1796190200000 } from './1796190200000-evaluation-publications';
import { AssignmentReceipt1796190300000 } from './1796190300000-assignment-receipt';

/** Every migration, oldest first. Add new ones at the end. */
export const MIGRATIONS = [
  Foundation1764400000000,
  Plans1764400100000,
  Assignments1764400200000,
  CalendarNotifications1764400250000,
  Reports1764400300000,
  Decomposition1764400400000,
  Escalations1764400500000,
  SweepIndexes1764400600000,
  CalendarAssumedYears1796172667397,
  AuditNoTruncate1796176756139,
  NotificationUnit1796178231149,
  Bulletins1796179154305,
  IndicatorDuties1796190000000,
  IndicatorValues1796190100000,
  EvaluationPublications1796190200000,
  AssignmentReceipt1796190300000,
];

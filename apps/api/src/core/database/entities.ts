import { AuditChainHead, AuditEvent } from '../audit/audit-event.entity';
import { LoginThrottle } from '../auth/login-throttle.entity';
import { OrgUnit } from '../org-units/org-unit.entity';
import { Setting } from '../settings/setting.entity';
import { User } from '../users/user.entity';
import { Assignment } from '../../modules/assignments/assignment.entity';
import { CalendarDayRow } from '../../modules/calendar/calendar-day.entity';
import { CalendarYear } from '../../modules/calendar/calendar-year.entity';
import { GlossaryTerm } from '../../modules/glossary-terms/glossary-term.entity';
import { Indicator } from '../../modules/indicators/indicator.entity';
import { NotificationDelivery } from '../../modules/notifications/notification-delivery.entity';
import { Notification } from '../../modules/notifications/notification.entity';
import { PlanItem } from '../../modules/plan-items/plan-item.entity';
import { Plan } from '../../modules/plans/plan.entity';
import { Evidence } from '../../modules/evidence/evidence.entity';
import { ReportHistory } from '../../modules/reports/report-history.entity';
import { Report } from '../../modules/reports/report.entity';
import { DutyRule } from '../../modules/duty-rules/duty-rule.entity';
import { Escalation } from '../../modules/escalations/escalation.entity';

/** Every entity, in one list (data source and Nest's TypeORM module both read it). */
export const ENTITIES = [
  OrgUnit,
  User,
  AuditEvent,
  AuditChainHead,
  Setting,
  LoginThrottle,
  Plan,
  PlanItem,
  GlossaryTerm,
  Indicator,
  Assignment,
  CalendarYear,
  CalendarDayRow,
  Notification,
  NotificationDelivery,
  Report,
  ReportHistory,
  Evidence,
  DutyRule,
  Escalation,
];

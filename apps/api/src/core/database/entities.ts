import { AuditChainHead, AuditEvent } from '../audit/audit-event.entity';
import { LoginThrottle } from '../auth/login-throttle.entity';
import { OrgUnit } from '../org-units/org-unit.entity';
import { Setting } from '../settings/setting.entity';
import { User } from '../users/user.entity';
import { Assignment } from '../../modules/assignments/assignment.entity';
import { GlossaryTerm } from '../../modules/glossary-terms/glossary-term.entity';
import { Indicator } from '../../modules/indicators/indicator.entity';
import { PlanItem } from '../../modules/plan-items/plan-item.entity';
import { Plan } from '../../modules/plans/plan.entity';

/** Every entity, in one list (data source and Nest's TypeORM module both read it). */
export const ENTITIES = [OrgUnit, User, AuditEvent, AuditChainHead, Setting, LoginThrottle, Plan, PlanItem, GlossaryTerm, Indicator, Assignment];

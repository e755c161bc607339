import { AuditChainHead, AuditEvent } from '../audit/audit-event.entity';
import { LoginThrottle } from '../auth/login-throttle.entity';
import { OrgUnit } from '../org-units/org-unit.entity';
import { Setting } from '../settings/setting.entity';
import { User } from '../users/user.entity';

/** Every entity, in one list (data source and Nest's TypeORM module both read it). */
export const ENTITIES = [OrgUnit, User, AuditEvent, AuditChainHead, Setting, LoginThrottle];

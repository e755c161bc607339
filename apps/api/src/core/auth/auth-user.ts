import type { Role } from '@duban/domain';

/** The caller, as every service receives it explicitly. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string | null;
}

import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Action, Subject } from '@duban/permissions';
import type { AuthUser } from './auth-user';

export const POLICY_KEY = 'duban:policy';
export const PUBLIC_KEY = 'duban:public';

export interface PolicySpec {
  action: Action;
  subject: Subject;
}

/** Who may reach this route: the guard checks it against the one ability definition. */
export const Policy = (action: Action, subject: Subject) => SetMetadata(POLICY_KEY, { action, subject } satisfies PolicySpec);

/** Reachable without logging in (log-in, health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Any logged-in user; the service scopes what they get. */
export const Authenticated = () => SetMetadata(POLICY_KEY, 'authenticated');

/** The logged-in caller, passed explicitly into the service call. */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});

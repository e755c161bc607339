import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { defineAbilityFor } from '@duban/permissions';
import { refuse } from '../http/messages';
import { User } from '../users/user.entity';
import type { AuthUser } from './auth-user';
import { POLICY_KEY, PUBLIC_KEY, type PolicySpec } from './policy.decorator';

export interface TokenClaims {
  sub: string;
  role: string;
  unit: string | null;
  tv: number;
}

/**
 * Runs on every route: authenticates the bearer token against the user's current row
 * (a disabled user, or one whose role, unit or password changed, gets 401), then checks the route's
 * declared policy. A route without a declared policy is denied.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly db: DataSource,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    req.user = await this.authenticate(req);
    const policy = this.reflector.getAllAndOverride<PolicySpec | 'authenticated' | undefined>(POLICY_KEY, targets);
    if (policy === 'authenticated') return true;
    if (!policy) throw refuse(403, 'auth.noPolicy');
    if (!defineAbilityFor(req.user).can(policy.action, policy.subject)) {
      throw refuse(403, 'auth.forbidden');
    }
    return true;
  }

  private async authenticate(req: Request): Promise<AuthUser> {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw refuse(401, 'auth.missing');
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(match[1]);
    } catch {
      throw refuse(401, 'auth.expired');
    }
    if (typeof claims.sub !== 'string' || !/^[0-9a-f-]{36}$/i.test(claims.sub)) throw refuse(401, 'auth.expired');
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.tokenVersion')
      .where('u.id = :id', { id: claims.sub })
      .getOne();
    if (!user || !user.active || user.tokenVersion !== claims.tv || user.role !== claims.role || user.orgUnitId !== claims.unit) {
      throw refuse(401, 'auth.expired');
    }
    return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, orgUnitId: user.orgUnitId };
  }
}

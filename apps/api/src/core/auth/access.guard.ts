import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { defineAbilityFor } from '@duban/permissions';
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
    if (!policy) throw new ForbiddenException('该接口未声明访问策略，一律拒绝');
    if (!defineAbilityFor(req.user).can(policy.action, policy.subject)) {
      throw new ForbiddenException('当前角色无权执行此操作');
    }
    return true;
  }

  private async authenticate(req: Request): Promise<AuthUser> {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('未登录');
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(match[1]);
    } catch {
      throw new UnauthorizedException('登录已失效，请重新登录');
    }
    if (typeof claims.sub !== 'string' || !/^[0-9a-f-]{36}$/i.test(claims.sub)) throw new UnauthorizedException('登录已失效，请重新登录');
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.tokenVersion')
      .where('u.id = :id', { id: claims.sub })
      .getOne();
    if (!user || !user.active || user.tokenVersion !== claims.tv || user.role !== claims.role || user.orgUnitId !== claims.unit) {
      throw new UnauthorizedException('登录已失效，请重新登录');
    }
    return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, orgUnitId: user.orgUnitId };
  }
}

import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { rulesFor, type AppRule } from '@duban/permissions';
import { refuse } from '../http/messages';
import { User } from '../users/user.entity';
import type { AuthUser } from './auth-user';
import type { TokenClaims } from './access.guard';
import { LoginThrottle } from './login-throttle.entity';
import { dummyHash, verifyPassword } from './passwords';
import { UserAlertsService, type UserAlert } from './user-alerts.service';

/** Failures before a (username, address) pair is blocked, and how long the block grows to. */
const FREE_FAILURES = 5;
const BASE_BLOCK_MS = 30_000;
const MAX_BLOCK_MS = 15 * 60_000;

@Injectable()
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly alerts: UserAlertsService,
  ) {}

  async login(
    username: string,
    password: string,
    clientAddress: string,
  ): Promise<{ accessToken: string; user: AuthUser; alerts: UserAlert[] }> {
    const key = `${username.trim().toLowerCase()}|${clientAddress}`;
    const throttle = await this.db.getRepository(LoginThrottle).findOneBy({ key });
    if (throttle?.blockedUntil && throttle.blockedUntil.getTime() > Date.now()) {
      const seconds = Math.ceil((throttle.blockedUntil.getTime() - Date.now()) / 1000);
      throw refuse(429, 'auth.throttled', { seconds });
    }
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect(['u.passwordHash', 'u.tokenVersion'])
      .where('lower(u.username) = lower(:username)', { username: username.trim() })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !ok || !user.active) {
      await this.recordFailure(key);
      throw refuse(401, user && ok && !user.active ? 'auth.disabled' : 'auth.wrong');
    }
    if (throttle) await this.db.getRepository(LoginThrottle).delete({ key });
    const claims: TokenClaims = { sub: user.id, role: user.role, unit: user.orgUnitId, tv: user.tokenVersion };
    const authUser: AuthUser = {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      orgUnitId: user.orgUnitId,
    };
    return { accessToken: await this.jwt.signAsync(claims), user: authUser, alerts: await this.alerts.for(authUser) };
  }

  /** The failure count grows atomically, so parallel guesses cannot slip past the block. */
  private async recordFailure(key: string): Promise<void> {
    await this.db.query(
      `INSERT INTO login_throttle (key, failures, blocked_until, last_failure_at) VALUES ($1, 1, NULL, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_throttle.last_failure_at < now() - interval '1 hour' THEN 1 ELSE login_throttle.failures + 1 END,
         last_failure_at = now(),
         blocked_until = CASE
           WHEN login_throttle.last_failure_at < now() - interval '1 hour' OR login_throttle.failures + 1 < $2 THEN NULL
           ELSE now() + make_interval(secs => LEAST($4::float8, $3::float8 * power(2, login_throttle.failures + 1 - $2)) / 1000)
         END`,
      [key, FREE_FAILURES, BASE_BLOCK_MS, MAX_BLOCK_MS],
    );
  }

  /** The user, the CASL rules the console needs, and what the user must be told (`alerts`). */
  async me(user: AuthUser): Promise<{ user: AuthUser; rules: AppRule[]; alerts: UserAlert[] }> {
    return { user, rules: rulesFor(user), alerts: await this.alerts.for(user) };
  }
}

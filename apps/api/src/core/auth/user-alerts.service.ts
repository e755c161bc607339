import { Injectable } from '@nestjs/common';
import type { AuthUser } from './auth-user';

/** Something a user must be told at every log-in until it is dealt with (e.g. the next year missing from the calendar). */
export interface UserAlert {
  code: string;
  message: string;
}

export type UserAlertSource = (user: AuthUser) => Promise<UserAlert | null>;

/**
 * The alerts that `POST /api/auth/login` and `GET /api/auth/me` carry. The core knows no feature: modules register
 * their checks here when they start (the calendar registers the missing-year check).
 */
@Injectable()
export class UserAlertsService {
  private readonly sources: UserAlertSource[] = [];

  register(source: UserAlertSource): void {
    this.sources.push(source);
  }

  async for(user: AuthUser): Promise<UserAlert[]> {
    const alerts = await Promise.all(this.sources.map((source) => source(user)));
    return alerts.filter((a): a is UserAlert => a !== null);
  }
}

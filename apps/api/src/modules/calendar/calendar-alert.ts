import { Injectable, type OnModuleInit } from '@nestjs/common';
import { UserAlertsService, type UserAlert } from '../../core/auth/user-alerts.service';
import type { AuthUser } from '../../core/auth/auth-user';
import { ClockService } from '../../core/clock/clock.service';
import { CalendarService } from './calendar.service';

/** The year the admin must add to the calendar today: this year if it is missing, from 1 November on the next one. */
export function yearToAdd(today: string, hasYear: (year: number) => boolean): number | null {
  const year = Number(today.slice(0, 4));
  if (!hasYear(year)) return year;
  if (today.slice(5) >= '11-01' && !hasYear(year + 1)) return year + 1;
  return null;
}

/** Tells the admin at every log-in (and in /api/auth/me) which calendar year to add, until it is added. */
@Injectable()
export class CalendarAlert implements OnModuleInit {
  constructor(
    private readonly alerts: UserAlertsService,
    private readonly calendar: CalendarService,
    private readonly clock: ClockService,
  ) {}

  onModuleInit(): void {
    this.alerts.register((user) => this.check(user));
  }

  private async check(user: AuthUser): Promise<UserAlert | null> {
    if (user.role !== 'admin') return null;
    const calendar = await this.calendar.calendar();
    const year = yearToAdd(this.clock.today(), (y) => calendar.hasYear(y));
    if (year === null) return null;
    return {
      code: 'calendar-year-missing',
      message:
        `工作日历还没有 ${year} 年：请在“工作日历”中按国务院办公厅的节假日安排通知添加 ${year} 年（或明确设为仅双休日）。` +
        `在此之前，${year} 年的日期暂按仅双休日计算。`,
    };
  }
}

import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { todayInShanghai } from '@duban/domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Setting } from '../settings/setting.entity';
import { refuse } from '../http/messages';

const CLOCK_KEY = 'clock.today';

/**
 * The one answer to "what day is it" (DESIGN.md "The clock is injected").
 * Real by default; with DUBAN_NOW it is a fixed business day that the admin may move,
 * kept in settings so every instance agrees.
 */
@Injectable()
export class ClockService implements OnModuleInit {
  private fixed: string | null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
  ) {
    this.fixed = config.fixedToday;
  }

  async onModuleInit(): Promise<void> {
    await this.refresh();
  }

  /** Re-reads a moved clock (another instance may have moved it). */
  async refresh(): Promise<void> {
    if (!this.config.fixedToday) return;
    const row = await this.db.getRepository(Setting).findOneBy({ key: CLOCK_KEY });
    if (typeof row?.value === 'string') this.fixed = row.value;
  }

  get isFixed(): boolean {
    return this.config.fixedToday !== null;
  }

  /** Today's business date in Asia/Shanghai, YYYY-MM-DD. */
  today(): string {
    return this.fixed ?? todayInShanghai(new Date());
  }

  /**
   * The business instant: the real one, or in demo mode the fixed day at the current Shanghai time of day,
   * so that "submitted at" and "today" never disagree.
   */
  now(): Date {
    const real = new Date();
    if (!this.fixed) return real;
    const shanghaiTime = new Date(real.getTime() + 8 * 3600_000).toISOString().slice(11, 23);
    return new Date(`${this.fixed}T${shanghaiTime}+08:00`);
  }

  assertMovable(): void {
    if (!this.isFixed) throw refuse(403, 'clock.real');
  }

  /** Moves the fixed day (the caller audits the change in the same transaction). */
  async setToday(today: string, manager = this.db.manager): Promise<void> {
    this.assertMovable();
    await manager.getRepository(Setting).save({ key: CLOCK_KEY, value: today });
    this.fixed = today;
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { SweepService } from './sweep.service';

/** The daily sweep at 08:30 Asia/Shanghai. Several instances may fire: the sweep's lock and unique notices make that harmless. */
@Injectable()
export class SweepScheduler {
  private readonly logger = new Logger('SweepScheduler');

  constructor(private readonly sweep: SweepService) {}

  @Cron('30 8 * * *', { name: 'deadline-sweep', timeZone: 'Asia/Shanghai', disabled: process.env.NODE_ENV === 'test' })
  async daily(): Promise<void> {
    try {
      await this.sweep.run();
    } catch (err) {
      this.logger.error(`daily sweep failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

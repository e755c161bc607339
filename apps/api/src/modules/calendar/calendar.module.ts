import { Global, Module } from '@nestjs/common';
import { CalendarSeedService } from './calendar-seed.service';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

/** The working calendar; global because reports, assignments and the sweep all count working days. */
@Global()
@Module({
  controllers: [CalendarController],
  providers: [CalendarService, CalendarSeedService],
  exports: [CalendarService, CalendarSeedService],
})
export class CalendarModule {}

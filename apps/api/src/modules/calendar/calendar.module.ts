import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarAlert } from './calendar-alert';
import { CalendarSeedService } from './calendar-seed.service';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { CalendarDayRow } from './calendar-day.entity';
import { CalendarYear } from './calendar-year.entity';

/** The working calendar; global because reports, assignments and the sweep all count working days. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([CalendarDayRow, CalendarYear])],
  controllers: [CalendarController],
  providers: [CalendarService, CalendarSeedService, CalendarAlert],
  exports: [CalendarService, CalendarSeedService],
})
export class CalendarModule {}

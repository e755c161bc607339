import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../calendar/calendar.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { EscalationsController, JobsController } from './escalations.controller';
import { EscalationsService } from './escalations.service';
import { SweepScheduler } from './sweep.scheduler';
import { SweepService } from './sweep.service';
import { Escalation } from './escalation.entity';

/** The escalation ladder: the daily sweep, manual urges, answers and level-3 confirmations. */
@Module({
  imports: [TypeOrmModule.forFeature([Escalation]), CalendarModule, NotificationsModule],
  controllers: [EscalationsController, JobsController],
  providers: [EscalationsService, SweepService, SweepScheduler],
  exports: [SweepService, EscalationsService],
})
export class EscalationsModule {}

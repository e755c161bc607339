import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { PlansModule } from '../plans/plans.module';
import { DashboardsController } from './dashboards.controller';
import { DashboardsService } from './dashboards.service';

/** Read-only aggregates over assignments, reports and notices for the console's dashboards. */
@Module({
  imports: [AssignmentsModule, PlansModule],
  controllers: [DashboardsController],
  providers: [DashboardsService],
})
export class DashboardsModule {}

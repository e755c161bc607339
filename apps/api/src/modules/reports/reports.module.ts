import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentsModule } from '../assignments/assignments.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { ReportHistory } from './report-history.entity';
import { Report } from './report.entity';

/** Progress reports and their approval, with their evidence. */
@Module({
  imports: [TypeOrmModule.forFeature([ReportHistory, Report]), AssignmentsModule, EvidenceModule, NotificationsModule],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}

import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { BulletinsModule } from '../bulletins/bulletins.module';
import { EscalationsModule } from '../escalations/escalations.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { EvaluationExportService } from './evaluation-export.service';
import { ExportsController } from './exports.controller';
import { LedgerExportService } from './ledger-export.service';
import { SupervisionNoticeService } from './supervision-notice.service';

/** Spreadsheets and documents for circulation: the ledger, the monthly bulletin and the 督办单. */
@Module({
  imports: [AssignmentsModule, BulletinsModule, EscalationsModule, EvaluationsModule],
  controllers: [ExportsController],
  providers: [LedgerExportService, SupervisionNoticeService, EvaluationExportService],
})
export class ExportsModule {}

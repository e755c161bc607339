import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { ExportsController } from './exports.controller';
import { LedgerExportService } from './ledger-export.service';

/** Spreadsheets and documents for circulation (the ledger; the bulletin comes with issue 6). */
@Module({
  imports: [AssignmentsModule],
  controllers: [ExportsController],
  providers: [LedgerExportService],
})
export class ExportsModule {}

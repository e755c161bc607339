import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { BulletinsModule } from '../bulletins/bulletins.module';
import { ExportsController } from './exports.controller';
import { LedgerExportService } from './ledger-export.service';

/** Spreadsheets and documents for circulation: the ledger and the monthly bulletin. */
@Module({
  imports: [AssignmentsModule, BulletinsModule],
  controllers: [ExportsController],
  providers: [LedgerExportService],
})
export class ExportsModule {}

import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { BulletinService } from './bulletin.service';
import { ExportsController } from './exports.controller';
import { LedgerExportService } from './ledger-export.service';

/** Spreadsheets and documents for circulation: the ledger and the monthly bulletin. */
@Module({
  imports: [AssignmentsModule],
  controllers: [ExportsController],
  providers: [LedgerExportService, BulletinService],
})
export class ExportsModule {}

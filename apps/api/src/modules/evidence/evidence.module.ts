import { Module } from '@nestjs/common';
import { StorageModule } from '../../core/storage/storage.module';
import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';

/** Evidence files: upload (streamed), download, withdraw. */
@Module({
  imports: [StorageModule],
  controllers: [EvidenceController],
  providers: [EvidenceService],
  exports: [EvidenceService],
})
export class EvidenceModule {}

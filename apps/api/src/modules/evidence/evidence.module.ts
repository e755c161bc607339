import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StorageModule } from '../../core/storage/storage.module';
import { EvidenceController } from './evidence.controller';
import { EvidenceReconciler } from './evidence-reconciler';
import { EvidenceService } from './evidence.service';
import { Evidence } from './evidence.entity';

/** Evidence files: upload (streamed), download, withdraw; storage and rows reconciled at start. */
@Module({
  imports: [TypeOrmModule.forFeature([Evidence]), StorageModule],
  controllers: [EvidenceController],
  providers: [EvidenceService, EvidenceReconciler],
  exports: [EvidenceService],
})
export class EvidenceModule {}

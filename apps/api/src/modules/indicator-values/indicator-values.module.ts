import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EvidenceModule } from '../evidence/evidence.module';
import { IndicatorValueHistory } from './indicator-value-history.entity';
import { IndicatorValue } from './indicator-value.entity';
import { IndicatorValuesController } from './indicator-values.controller';
import { IndicatorValuesService } from './indicator-values.service';

/** Yearly indicator values and their approval, with their evidence. */
@Module({
  imports: [TypeOrmModule.forFeature([IndicatorValue, IndicatorValueHistory]), EvidenceModule],
  controllers: [IndicatorValuesController],
  providers: [IndicatorValuesService],
  exports: [IndicatorValuesService],
})
export class IndicatorValuesModule {}

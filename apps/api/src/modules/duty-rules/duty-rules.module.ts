import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DutyRulesSeedService } from './duty-rules-seed.service';
import { DutyRulesController } from './duty-rules.controller';
import { DutyRulesService } from './duty-rules.service';
import { DutyRule } from './duty-rule.entity';

/** The duty map (职责分工) behind the decomposition suggestions. */
@Module({
  imports: [TypeOrmModule.forFeature([DutyRule])],
  controllers: [DutyRulesController],
  providers: [DutyRulesService, DutyRulesSeedService],
  exports: [DutyRulesService, DutyRulesSeedService],
})
export class DutyRulesModule {}

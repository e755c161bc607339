import { Module } from '@nestjs/common';
import { DutyRulesSeedService } from './duty-rules-seed.service';
import { DutyRulesController } from './duty-rules.controller';
import { DutyRulesService } from './duty-rules.service';

/** The duty map (职责分工) behind the decomposition suggestions. */
@Module({
  controllers: [DutyRulesController],
  providers: [DutyRulesService, DutyRulesSeedService],
  exports: [DutyRulesService, DutyRulesSeedService],
})
export class DutyRulesModule {}

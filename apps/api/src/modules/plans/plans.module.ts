import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GlossaryTermsController } from '../glossary-terms/glossary-terms.controller';
import { GlossaryTermsService } from '../glossary-terms/glossary-terms.service';
import { IndicatorsController } from '../indicators/indicators.controller';
import { IndicatorsService } from '../indicators/indicators.service';
import { PlanItemsController } from '../plan-items/plan-items.controller';
import { PlanItemsService } from '../plan-items/plan-items.service';
import { PlanImportService } from './plan-import.service';
import { PlanSeedService } from './plan-seed.service';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';
import { SiteController } from './site.controller';
import { GlossaryTerm } from '../glossary-terms/glossary-term.entity';
import { Indicator } from '../indicators/indicator.entity';
import { PlanItem } from '../plan-items/plan-item.entity';
import { Plan } from './plan.entity';

/** The plan itself: import, publish, and reading its items, indicators and glossary; the site's title. */
@Module({
  imports: [TypeOrmModule.forFeature([GlossaryTerm, Indicator, PlanItem, Plan])],
  controllers: [PlansController, PlanItemsController, IndicatorsController, GlossaryTermsController, SiteController],
  providers: [PlansService, PlanImportService, PlanSeedService, PlanItemsService, IndicatorsService, GlossaryTermsService],
  exports: [PlansService, PlanImportService, PlanSeedService, IndicatorsService],
})
export class PlansModule {}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { IndicatorsService } from '../indicators/indicators.service';
import { DashboardsService } from './dashboards.service';
import { DashboardQueryDto } from './dto/dashboard-query.dto';

/** A leader's or liaison's dashboard counts their own unit's work only. */
@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardsController {
  constructor(
    private readonly dashboards: DashboardsService,
    private readonly indicators: IndicatorsService,
  ) {}

  /** The plan's indicators at risk or projected to miss, 约束性 first (a unit's dashboard: the rows it reports). */
  @Policy('read', 'Dashboard')
  @Get('indicators')
  indicatorsAtRisk(@Caller() caller: AuthUser) {
    return this.indicators.atRisk(caller);
  }

  /** Totals: completion, lights, overdue, ladder levels, what waits for confirmation, review and acceptance, unanswered notices. */
  @Policy('read', 'Dashboard')
  @Get('summary')
  summary(@Caller() caller: AuthUser, @Query() query: DashboardQueryDto) {
    return this.dashboards.summary(caller, query);
  }

  /** One row per unit with work: counts, completion rate, lights, overdue, highest ladder level. */
  @Policy('read', 'Dashboard')
  @Get('by-unit')
  byUnit(@Caller() caller: AuthUser, @Query() query: DashboardQueryDto) {
    return this.dashboards.byUnit(caller, query);
  }

  /** The same for the counties (县（市、区）) and functional zones only. */
  @Policy('read', 'Dashboard')
  @Get('by-county')
  byCounty(@Caller() caller: AuthUser, @Query() query: DashboardQueryDto) {
    return this.dashboards.byCounty(caller, query);
  }

  /** One row per chapter of the plan, in document order. */
  @Policy('read', 'Dashboard')
  @Get('by-chapter')
  byChapter(@Caller() caller: AuthUser, @Query() query: DashboardQueryDto) {
    return this.dashboards.byChapter(caller, query);
  }

  /** Open work per ladder level (0–3) and open notices per kind. */
  @Policy('read', 'Dashboard')
  @Get('by-level')
  byLevel(@Caller() caller: AuthUser, @Query() query: DashboardQueryDto) {
    return this.dashboards.byLevel(caller, query);
  }
}

import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { DrillDownQueryDto, EvaluationQueryDto } from './dto/evaluation-query.dto';
import { EvaluationsService } from './evaluations.service';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  /**
   * The evaluation as of a date (presets 2023-06-30 and 2025-12-31): the published one for everyone once the office
   * has published it; before that the live one for the office, the inspectors and the admin, a 404 for units.
   */
  @Policy('read', 'Evaluation')
  @Get()
  get(@Caller() caller: AuthUser, @Query() query: EvaluationQueryDto) {
    return this.evaluations.read(caller, query.asOf);
  }

  /** The items that cost one unit points (leaders and liaisons: their own unit, once published). */
  @Policy('read', 'Evaluation')
  @Get('drill-down')
  drillDown(@Caller() caller: AuthUser, @Query() query: DrillDownQueryDto) {
    return this.evaluations.drillDown(caller, query.asOf, query.orgUnitId);
  }

  /** Freezes the evaluation of that date as it stands (once: 409 after). */
  @Policy('publish', 'Evaluation')
  @Post('publish')
  publish(@Caller() caller: AuthUser, @Body() dto: EvaluationQueryDto) {
    return this.evaluations.publish(caller, dto.asOf);
  }
}

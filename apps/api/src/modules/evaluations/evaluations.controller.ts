import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { isUnitBound } from '@duban/permissions';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { refuse } from '../../core/http/messages';
import { EvaluationQueryDto } from './dto/evaluation-query.dto';
import { EvaluationsService } from './evaluations.service';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  /**
   * The live evaluation as of a date (presets 2023-06-30 and 2025-12-31). Until the office publishes one, it is
   * the office's, the inspectors' and the admin's to read; leaders and liaisons are told it is not published.
   */
  @Policy('read', 'Evaluation')
  @Get()
  get(@Caller() caller: AuthUser, @Query() query: EvaluationQueryDto) {
    if (isUnitBound(caller.role)) throw refuse(404, 'evaluations.notPublished', { asOf: query.asOf });
    return this.evaluations.evaluate(query.asOf);
  }
}

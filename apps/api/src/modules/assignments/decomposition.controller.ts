import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { UuidPipe } from '../../core/http/list-query';
import { DecomposeAllDto, DecomposeDto } from './dto/assignment.dto';
import { DecompositionService } from './decomposition.service';

/** Decomposition of plan items into assignments (routes under the plan and its items). */
@ApiTags('assignments')
@ApiBearerAuth()
@Controller()
export class DecompositionController {
  constructor(private readonly decomposition: DecompositionService) {}

  /** Proposed assignments with their reasons: the duty map applied to the item (who may read the map may see them). */
  @Policy('read', 'DutyRule')
  @Get('plan-items/:id/suggestions')
  suggestions(@Param('id', UuidPipe) id: string) {
    return this.decomposition.suggestions(id);
  }

  /** The item's whole decomposition: exactly one lead, any supports and counties. */
  @Policy('decompose', 'PlanItem')
  @Post('plan-items/:id/decompose')
  @HttpCode(200)
  decompose(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: DecomposeDto) {
    return this.decomposition.decompose(caller, id, dto);
  }

  /** Accepts the suggestions for every item of the plan (or one chapter) not yet decomposed, in one transaction. */
  @Policy('decompose', 'Plan')
  @Post('plans/:id/decompose-all')
  @HttpCode(200)
  decomposeAll(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: DecomposeAllDto) {
    return this.decomposition.decomposeAll(caller, id, dto);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { ClockService } from '../../core/clock/clock.service';
import { ListQueryParams, UuidPipe } from '../../core/http/list-query';
import { List } from '../../core/http/list.decorator';
import { ConfirmEscalationDto, CreateEscalationDto, RespondEscalationDto, RunSweepDto } from './dto/escalation.dto';
import { EscalationsService } from './escalations.service';
import { SweepService } from './sweep.service';
import { refuse } from '../../core/http/messages';

@ApiTags('escalations')
@ApiBearerAuth()
@Controller('escalations')
export class EscalationsController {
  constructor(private readonly escalations: EscalationsService) {}

  @Policy('read', 'Escalation')
  @Get()
  @List('escalations')
  list(@Caller() caller: AuthUser, @Query() query: ListQueryParams) {
    return this.escalations.list(caller, query);
  }

  @Policy('read', 'Escalation')
  @Get(':id')
  get(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.escalations.get(caller, id);
  }

  /** 人工催办: `{assignmentId, reason}` or `{orgUnitId, reason}` for all that unit's overdue work. */
  @Policy('create', 'Escalation')
  @Post()
  create(@Caller() caller: AuthUser, @Body() dto: CreateEscalationDto) {
    return this.escalations.create(caller, dto);
  }

  @Policy('respond', 'Escalation')
  @Post(':id/respond')
  @HttpCode(200)
  respond(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: RespondEscalationDto) {
    return this.escalations.respond(caller, id, dto);
  }

  @Policy('update', 'Escalation')
  @Post(':id/confirm')
  @HttpCode(200)
  confirm(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ConfirmEscalationDto) {
    return this.escalations.confirm(caller, id, dto);
  }
}

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly sweep: SweepService,
    private readonly clock: ClockService,
  ) {}

  /** Runs the deadline sweep now (the same code as the daily job); `now` only in demo/test mode. */
  @Policy('run', 'Job')
  @Post('sweep')
  @HttpCode(200)
  run(@Caller() caller: AuthUser, @Body() dto: RunSweepDto) {
    if (dto.now && !this.clock.isFixed) throw refuse(403, 'sweep.nowFixedOnly');
    return this.sweep.run({ today: dto.now, actorId: caller.id });
  }
}

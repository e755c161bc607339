import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { ListQueryParams, UuidPipe } from '../../core/http/list-query';
import { List } from '../../core/http/list.decorator';
import { CreateIndicatorValueDto, IndicatorValueTransitionDto, UpdateIndicatorValueDto } from './dto/indicator-value.dto';
import { IndicatorValuesService } from './indicator-values.service';

@ApiTags('indicator-values')
@ApiBearerAuth()
@Controller('indicator-values')
export class IndicatorValuesController {
  constructor(private readonly values: IndicatorValuesService) {}

  @Policy('read', 'IndicatorValue')
  @Get()
  @List('indicator-values')
  list(@Caller() caller: AuthUser, @Query() query: ListQueryParams) {
    return this.values.list(caller, query);
  }

  @Policy('read', 'IndicatorValue')
  @Get(':id')
  get(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.values.get(caller, id);
  }

  @Policy('create', 'IndicatorValue')
  @Post()
  create(@Caller() caller: AuthUser, @Body() dto: CreateIndicatorValueDto) {
    return this.values.create(caller, dto);
  }

  @Policy('update', 'IndicatorValue')
  @Put(':id')
  update(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateIndicatorValueDto) {
    return this.values.update(caller, id, dto);
  }

  /** 报送 (liaison): draft or returned → submitted. */
  @Policy('submit', 'IndicatorValue')
  @Post(':id/submit')
  @HttpCode(200)
  submit(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: IndicatorValueTransitionDto) {
    return this.values.transition(caller, id, 'submit', dto);
  }

  /** 审核确认 (the unit's leader): submitted → confirmed. */
  @Policy('confirm', 'IndicatorValue')
  @Post(':id/confirm')
  @HttpCode(200)
  confirm(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: IndicatorValueTransitionDto) {
    return this.values.transition(caller, id, 'confirm', dto);
  }

  /** 核查通过 (inspector): confirmed → approved; a target in words needs `assessment` and the reason in `comment`. */
  @Policy('approve', 'IndicatorValue')
  @Post(':id/approve')
  @HttpCode(200)
  approve(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: IndicatorValueTransitionDto) {
    return this.values.transition(caller, id, 'approve', dto);
  }

  /** 退回 (leader, inspector or office, each from their own step), reason required. */
  @Policy('return', 'IndicatorValue')
  @Post(':id/return')
  @HttpCode(200)
  return(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: IndicatorValueTransitionDto) {
    return this.values.transition(caller, id, 'return', dto);
  }

  /** 确认采用 (office): approved → accepted. */
  @Policy('accept', 'IndicatorValue')
  @Post(':id/accept')
  @HttpCode(200)
  accept(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: IndicatorValueTransitionDto) {
    return this.values.transition(caller, id, 'accept', dto);
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { ListQueryParams, UuidPipe } from '../../core/http/list-query';
import { List } from '../../core/http/list.decorator';
import { PlanItemsService } from './plan-items.service';

@ApiTags('plan-items')
@ApiBearerAuth()
@Controller('plan-items')
export class PlanItemsController {
  constructor(private readonly rows: PlanItemsService) {}

  @Policy('read', 'PlanItem')
  @Get()
  @List('plan-items')
  list(@Caller() caller: AuthUser, @Query() query: ListQueryParams) {
    return this.rows.list(caller, query);
  }

  @Policy('read', 'PlanItem')
  @Get(':id')
  get(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.rows.get(caller, id);
  }
}

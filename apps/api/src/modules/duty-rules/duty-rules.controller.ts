import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { ListQueryParams, UuidPipe } from '../../core/http/list-query';
import { List } from '../../core/http/list.decorator';
import { CreateDutyRuleDto, UpdateDutyRuleDto } from './dto/duty-rule.dto';
import { DutyRulesService } from './duty-rules.service';

@ApiTags('duty-rules')
@ApiBearerAuth()
@Controller('duty-rules')
export class DutyRulesController {
  constructor(private readonly rules: DutyRulesService) {}

  @Policy('read', 'DutyRule')
  @Get()
  @List('duty-rules')
  list(@Query() query: ListQueryParams) {
    return this.rules.list(query);
  }

  @Policy('read', 'DutyRule')
  @Get(':id')
  get(@Param('id', UuidPipe) id: string) {
    return this.rules.get(id);
  }

  @Policy('create', 'DutyRule')
  @Post()
  create(@Caller() caller: AuthUser, @Body() dto: CreateDutyRuleDto) {
    return this.rules.create(caller, dto);
  }

  @Policy('update', 'DutyRule')
  @Put(':id')
  update(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateDutyRuleDto) {
    return this.rules.update(caller, id, dto);
  }

  @Policy('delete', 'DutyRule')
  @Delete(':id')
  remove(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.rules.remove(caller, id);
  }
}

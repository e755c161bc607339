import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { Caller, Policy } from '../auth/policy.decorator';
import { ListQueryParams, UuidPipe } from '../http/list-query';
import { List } from '../http/list.decorator';
import { CreateOrgUnitDto, UpdateOrgUnitDto } from './dto/org-unit.dto';
import { OrgUnitsService } from './org-units.service';

@ApiTags('org-units')
@ApiBearerAuth()
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly units: OrgUnitsService) {}

  @Policy('read', 'OrgUnit')
  @Get()
  @List('org-units')
  list(@Query() query: ListQueryParams) {
    return this.units.list(query);
  }

  @Policy('read', 'OrgUnit')
  @Get(':id')
  get(@Param('id', UuidPipe) id: string) {
    return this.units.get(id);
  }

  @Policy('create', 'OrgUnit')
  @Post()
  create(@Caller() caller: AuthUser, @Body() dto: CreateOrgUnitDto) {
    return this.units.create(caller, dto);
  }

  @Policy('update', 'OrgUnit')
  @Put(':id')
  update(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateOrgUnitDto) {
    return this.units.update(caller, id, dto);
  }

  @Policy('delete', 'OrgUnit')
  @Delete(':id')
  remove(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.units.remove(caller, id);
  }
}

import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { Caller, Policy } from '../auth/policy.decorator';
import { ListQueryParams, setContentRange, UuidPipe } from '../http/list-query';
import { CreateOrgUnitDto, UpdateOrgUnitDto } from './dto/org-unit.dto';
import { OrgUnitsService } from './org-units.service';

@ApiTags('org-units')
@ApiBearerAuth()
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly units: OrgUnitsService) {}

  @Policy('read', 'OrgUnit')
  @Get()
  async list(@Query() query: ListQueryParams, @Res({ passthrough: true }) res: Response) {
    const { rows, total, start } = await this.units.list(query);
    setContentRange(res, 'org-units', start, rows.length, total);
    return rows;
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

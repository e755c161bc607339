import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { ListQueryParams, UuidPipe } from '../../core/http/list-query';
import { List } from '../../core/http/list.decorator';
import { UpdateIndicatorDto } from './dto/update-indicator.dto';
import { IndicatorsService } from './indicators.service';

@ApiTags('indicators')
@ApiBearerAuth()
@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly rows: IndicatorsService) {}

  @Policy('read', 'Indicator')
  @Get()
  @List('indicators')
  list(@Caller() caller: AuthUser, @Query() query: ListQueryParams) {
    return this.rows.list(caller, query);
  }

  @Policy('read', 'Indicator')
  @Get(':id')
  get(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.rows.get(caller, id);
  }

  @Policy('update', 'Indicator')
  @Put(':id')
  update(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateIndicatorDto) {
    return this.rows.update(caller, id, dto);
  }
}

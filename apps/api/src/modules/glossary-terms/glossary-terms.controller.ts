import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { ListQueryParams, UuidPipe } from '../../core/http/list-query';
import { List } from '../../core/http/list.decorator';
import { GlossaryTermsService } from './glossary-terms.service';

@ApiTags('glossary-terms')
@ApiBearerAuth()
@Controller('glossary-terms')
export class GlossaryTermsController {
  constructor(private readonly rows: GlossaryTermsService) {}

  @Policy('read', 'GlossaryTerm')
  @Get()
  @List('glossary-terms')
  list(@Caller() caller: AuthUser, @Query() query: ListQueryParams) {
    return this.rows.list(caller, query);
  }

  @Policy('read', 'GlossaryTerm')
  @Get(':id')
  get(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.rows.get(caller, id);
  }
}

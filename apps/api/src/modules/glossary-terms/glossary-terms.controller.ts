import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { ListQueryParams, setContentRange, UuidPipe } from '../../core/http/list-query';
import { GlossaryTermsService } from './glossary-terms.service';

@ApiTags('glossary-terms')
@ApiBearerAuth()
@Controller('glossary-terms')
export class GlossaryTermsController {
  constructor(private readonly rows: GlossaryTermsService) {}

  @Policy('read', 'GlossaryTerm')
  @Get()
  async list(@Caller() caller: AuthUser, @Query() query: ListQueryParams, @Res({ passthrough: true }) res: Response) {
    const { rows, total, start } = await this.rows.list(caller, query);
    setContentRange(res, 'glossary-terms', start, rows.length, total);
    return rows;
  }

  @Policy('read', 'GlossaryTerm')
  @Get(':id')
  get(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.rows.get(caller, id);
  }
}

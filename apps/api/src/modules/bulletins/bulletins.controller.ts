import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { ListQueryParams, setContentRange, UuidPipe } from '../../core/http/list-query';
import { BulletinsService } from './bulletins.service';
import { PublishBulletinDto } from './dto/publish-bulletin.dto';

/** The monthly bulletins (通报): `month`, `status` (`draft`/`published`), `sha256`, `publishedAt`. */
@ApiTags('bulletins')
@ApiBearerAuth()
@Controller('bulletins')
export class BulletinsController {
  constructor(private readonly bulletins: BulletinsService) {}

  @Policy('read', 'Bulletin')
  @Get()
  async list(@Caller() caller: AuthUser, @Query() query: ListQueryParams, @Res({ passthrough: true }) res: Response) {
    const { rows, total, start } = await this.bulletins.list(caller, query);
    setContentRange(res, 'bulletins', start, rows.length, total);
    return rows;
  }

  @Policy('read', 'Bulletin')
  @Get(':id')
  get(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.bulletins.get(caller, id);
  }

  /** Freezes the month's bulletin: its .docx and .xlsx are stored and their sha256 goes into the audit chain. */
  @Policy('publish', 'Bulletin')
  @Post(':month/publish')
  @HttpCode(201)
  publish(@Caller() caller: AuthUser, @Param('month') month: string, @Body() dto: PublishBulletinDto) {
    return this.bulletins.publish(caller, month, dto.planId);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { ListQueryParams, UuidPipe } from '../../core/http/list-query';
import { List } from '../../core/http/list.decorator';
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
  @List('bulletins')
  list(@Caller() caller: AuthUser, @Query() query: ListQueryParams) {
    return this.bulletins.list(caller, query);
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

import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { ListQueryParams, setContentRange, UuidPipe } from '../../core/http/list-query';
import { NotificationsService } from './notifications.service';

/** Each user's own inbox: no route reaches another user's notifications (404). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Filters: `read` (boolean), `kind`, `id`; sort `createdAt` (newest first by default). */
  @Policy('read', 'Notification')
  @Get()
  async list(@Caller() caller: AuthUser, @Query() query: ListQueryParams, @Res({ passthrough: true }) res: Response) {
    const { rows, total, start } = await this.notifications.list(caller, query);
    setContentRange(res, 'notifications', start, rows.length, total);
    return rows;
  }

  @Policy('read', 'Notification')
  @Get(':id')
  get(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.notifications.get(caller, id);
  }

  @Policy('update', 'Notification')
  @Post('read-all')
  @HttpCode(200)
  readAll(@Caller() caller: AuthUser) {
    return this.notifications.markAllRead(caller);
  }

  @Policy('update', 'Notification')
  @Post(':id/read')
  @HttpCode(200)
  read(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.notifications.markRead(caller, id);
  }
}

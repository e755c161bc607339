import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../core/auth/auth-user';
import { Caller, Policy } from '../../core/auth/policy.decorator';
import { ListQueryParams, UuidPipe } from '../../core/http/list-query';
import { List } from '../../core/http/list.decorator';
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
  @List('notifications')
  list(@Caller() caller: AuthUser, @Query() query: ListQueryParams) {
    return this.notifications.list(caller, query);
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

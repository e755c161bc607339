import { Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeliveryService } from './delivery.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { NotificationDelivery } from './notification-delivery.entity';
import { Notification } from './notification.entity';

/**
 * In-app notifications and their e-mail/webhook outbox. Global: reports, escalations and the sweep all notify.
 * ScheduleModule.forRoot() is registered here (the first scheduled job); a second identical forRoot() elsewhere
 * resolves to the same module, but keep one.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([NotificationDelivery, Notification]), ScheduleModule.forRoot()],
  controllers: [NotificationsController],
  providers: [NotificationsService, DeliveryService],
  exports: [NotificationsService, DeliveryService],
})
export class NotificationsModule {}

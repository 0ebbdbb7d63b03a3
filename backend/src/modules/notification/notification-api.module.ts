import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { LinksModule } from '../links/links.module';
import { NotificationController } from './notification.controller';
import { NotificationModule } from './notification.module';
import { OutboxService } from './outbox.service';

/** The HTTP side (in a file of its own, so the worker never loads the controllers): outbox, reminders of a mobility, mute links, the Mailbox. */
@Module({
  imports: [NotificationModule, LinksModule, AccessModule],
  controllers: [NotificationController],
  providers: [OutboxService],
})
export class NotificationApiModule {}

import { AccessModule } from '../access/access.module';
import { Module } from '@nestjs/common';
import { DigestService } from './digest.service';
import { LinksModule } from '../links/links.module';
import { MailRenderer } from './mail-renderer';
import { NotificationController } from './notification.controller';
import { OutboxService } from './outbox.service';
import { ProjectReminderService } from './project-reminder.service';
import { ReminderService } from './reminder.service';

const MAIL_RENDERER = { provide: MailRenderer, useFactory: () => new MailRenderer() };

/** Deciding and writing e-mails (reminders, requests, digests): used by the API and the worker. */
@Module({
  imports: [LinksModule],
  providers: [MAIL_RENDERER, ReminderService, DigestService, ProjectReminderService],
  exports: [MAIL_RENDERER, ReminderService, DigestService, ProjectReminderService],
})
export class NotificationModule {}

/** The HTTP side: outbox, reminders of a mobility, mute links, the Mailbox. */
@Module({
  imports: [NotificationModule, LinksModule, AccessModule],
  controllers: [NotificationController],
  providers: [OutboxService],
})
export class NotificationApiModule {}

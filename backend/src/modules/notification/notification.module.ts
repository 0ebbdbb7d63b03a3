import { AccessModule } from '../access/access.module';
import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DigestService } from './digest.service';
import { MailLinks } from './mail-links';
import { MailRenderer } from './mail-renderer';
import { NotificationController } from './notification.controller';
import { OutboxService } from './outbox.service';
import { ReminderService } from './reminder.service';

const MAIL_CONTENT = [
  { provide: MailRenderer, useFactory: () => new MailRenderer() },
  {
    provide: MailLinks,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => new MailLinks(config.publicUrl, config.mail.linkSecret),
  },
];

/** Deciding and writing e-mails (reminders, requests, digests): used by the API and the worker. */
@Module({
  providers: [...MAIL_CONTENT, ReminderService, DigestService],
  exports: [...MAIL_CONTENT, ReminderService, DigestService],
})
export class NotificationModule {}

/** The HTTP side: outbox, reminders of a mobility, mute links, the Mailbox. */
@Module({
  imports: [NotificationModule, AccessModule],
  controllers: [NotificationController],
  providers: [OutboxService],
})
export class NotificationApiModule {}

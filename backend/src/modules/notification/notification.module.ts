import { Module } from '@nestjs/common';
import { DigestService } from './digest.service';
import { GuardianMailService } from './guardian-mail.service';
import { LinksModule } from '../links/links.module';
import { MailRenderer } from './mail-renderer';
import { ProjectReminderService } from './project-reminder.service';
import { ReminderService } from './reminder.service';

const MAIL_RENDERER = { provide: MailRenderer, useFactory: () => new MailRenderer() };

/** Deciding and writing e-mails (reminders, requests, digests): used by the API and the worker. */
@Module({
  imports: [LinksModule],
  providers: [MAIL_RENDERER, ReminderService, DigestService, ProjectReminderService, GuardianMailService],
  exports: [MAIL_RENDERER, ReminderService, DigestService, ProjectReminderService, GuardianMailService],
})
export class NotificationModule {}

import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MailTransport, SmtpMailTransport } from '../../infrastructure/mail/mail-transport';
import { MailWorkerService } from './mail-worker.service';
import { NotificationModule } from './notification.module';
import { OutboxRelay } from './outbox-relay.service';
import { SendMailProcessor } from './send-mail.processor';

/** The worker side: sweep schedule, outbox relay, send job. Never imported by the API. */
@Module({
  imports: [NotificationModule],
  providers: [
    {
      provide: MailTransport,
      inject: [APP_CONFIG],
      // Unset SMTP_URL: the embedded catcher of `npm start`.
      useFactory: (config: AppConfig) =>
        new SmtpMailTransport(
          config.mail.smtpUrl ?? `smtp://127.0.0.1:${config.mail.catcherPort}`,
          config.mail.concurrency,
        ),
    },
    OutboxRelay,
    SendMailProcessor,
    MailWorkerService,
  ],
  exports: [OutboxRelay, SendMailProcessor],
})
export class DeliveryModule {}

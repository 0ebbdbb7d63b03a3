import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MailLinks } from './mail-links';

/**
 * The links in e-mails and the one-use tokens behind them (invitations, password resets, sign-in
 * links, the host's placement link). Below auth, team, host links and reminders alike, which all
 * issue or read them; it imports none of them.
 */
@Module({
  providers: [
    {
      provide: MailLinks,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new MailLinks(config.publicUrl, config.mail.linkSecret),
    },
  ],
  exports: [MailLinks],
})
export class LinksModule {}

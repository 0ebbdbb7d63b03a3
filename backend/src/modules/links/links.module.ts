import { Logger, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { installationSecret } from './installation-secret';
import { MailLinks } from './mail-links';

/**
 * The links in e-mails and the one-use tokens behind them (invitations, password resets, sign-in
 * links, the host's placement link). Below auth, team, host links and reminders alike, which all
 * issue or read them; it imports none of them. Mute links are signed with MAIL_LINK_SECRET or,
 * where it is unset (never in production), with the installation's own generated secret, which
 * the API and every worker read from the database.
 */
@Module({
  providers: [
    {
      provide: MailLinks,
      inject: [APP_CONFIG, getDataSourceToken()],
      useFactory: async (config: AppConfig, db: DataSource) => {
        if (config.mail.linkSecret) return new MailLinks(config.publicUrl, config.mail.linkSecret);
        new Logger('MailLinks').log(
          "MAIL_LINK_SECRET is not set: mute links are signed with this installation's own secret (table installation_secret)",
        );
        return new MailLinks(config.publicUrl, await installationSecret(db, 'mail-link'));
      },
    },
  ],
  exports: [MailLinks],
})
export class LinksModule {}

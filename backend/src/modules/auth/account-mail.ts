import { defaultLocale, MailKind } from '@mobility-hub/domain';
import { EntityManager } from 'typeorm';
import { MailRenderer } from '../notification/mail-renderer';
import { insertOutboxRows } from '../notification/outbox.repository';

/**
 * An account e-mail (password reset, sign-in link) into the outbox, to go out at once: the person
 * is waiting for it, so it is not held for working hours.
 */
export async function outboxAccountMail(
  em: EntityManager,
  renderer: MailRenderer,
  mail: { kind: MailKind; email: string; name: string; country: string | null; url: string; linkMinutes: number; now: Date },
): Promise<void> {
  const locale = mail.country ? defaultLocale(mail.country) : 'en-GB';
  const rendered = renderer.render({
    kind: mail.kind,
    locale,
    recipientName: mail.name,
    organisation: 'Mobility Hub',
    actionUrl: mail.url,
    linkMinutes: mail.linkMinutes,
  });
  await insertOutboxRows(
    em,
    [
      {
        kind: mail.kind,
        mobilityId: null,
        organisationId: null,
        recipientEmail: mail.email,
        recipientName: mail.name,
        locale,
        ...rendered,
        headers: {},
        sendAfter: mail.now,
      },
    ],
    mail.now,
  );
}

import { defaultLocale, MailKind } from '@mobility-hub/domain';
import { EntityManager } from 'typeorm';
import { MailRenderer } from '../notification/mail-renderer';
import { insertOutboxRows } from '../notification/outbox.repository';

/**
 * An account e-mail (password reset, sign-in link, invitation) into the outbox, to go out at once:
 * the person is waiting for it, so it is not held for working hours. An invitation is listed in its
 * organisation's outbox; the others belong to nobody's.
 */
export async function outboxAccountMail(
  em: EntityManager,
  renderer: MailRenderer,
  mail: {
    kind: MailKind;
    email: string;
    name: string;
    country: string | null;
    url: string;
    linkMinutes: number;
    now: Date;
    organisation?: { readonly id: string; readonly name: string; readonly role: string };
  },
): Promise<void> {
  const locale = mail.country ? defaultLocale(mail.country) : 'en-GB';
  const rendered = renderer.render({
    kind: mail.kind,
    locale,
    recipientName: mail.name,
    organisation: mail.organisation?.name ?? 'Mobility Hub',
    role: mail.organisation?.role,
    actionUrl: mail.url,
    linkMinutes: mail.linkMinutes,
  });
  await insertOutboxRows(
    em,
    [
      {
        kind: mail.kind,
        mobilityId: null,
        organisationId: mail.organisation?.id ?? null,
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

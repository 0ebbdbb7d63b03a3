import { HostAnswerKind, IsoDate } from '@mobility-hub/domain';
import type { MailFacts } from '../notification/mail-renderer';

/** What the school's mail about a host's answer says. */
export interface HostAnswerMailInput {
  readonly answer: HostAnswerKind;
  readonly locale: string;
  readonly recipientName: string;
  /** The school: the mail is sent on its behalf (the signature names it). */
  readonly school: string;
  readonly participant: string;
  readonly hostName: string;
  /** The host's contact who answered (the mail's Reply-To). */
  readonly answeredBy: string;
  /** The day the host answered, in the school's calendar. */
  readonly answeredOn: IsoDate;
  readonly reason: string | null;
  readonly mentorName: string | null;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  readonly mobilityUrl: string;
}

/**
 * The mail's facts for the renderer (templates `placement-declined` / `placement-confirmed`): the
 * host's name stands in the task's title, what it said (the reason or the mentor) in its guidance
 * and the day it answered in its date, so the templates of every language can place them.
 */
export function hostAnswerMail(input: HostAnswerMailInput): MailFacts {
  return {
    kind: input.answer === 'declined' ? 'placement-declined' : 'placement-confirmed',
    locale: input.locale,
    recipientName: input.recipientName,
    organisation: input.school,
    participant: input.participant,
    task: {
      title: input.hostName,
      guidance: (input.answer === 'declined' ? input.reason : input.mentorName) ?? '',
      dueDate: input.answeredOn,
    },
    period: { startDate: input.startDate, endDate: input.endDate },
    // Replying reaches the host's contact who answered (the mail's Reply-To): the closing names them.
    place: input.answeredBy,
    actionUrl: input.mobilityUrl,
  };
}

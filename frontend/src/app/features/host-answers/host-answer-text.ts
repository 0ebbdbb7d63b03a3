import type { HostAnswerDto } from '@mobility-hub/api-client';

const SAME_YEAR = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const OTHER_YEAR = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** The day of an answer as people say it: "3 Dec" this year, "3 Dec 2025" another year (local time). */
export function answerDay(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return (at.getFullYear() === now.getFullYear() ? SAME_YEAR : OTHER_YEAR).format(at);
}

/** "Declined by Talleres Castilla on 3 Dec" / "Confirmed by Talleres Castilla on 3 Dec". */
export function answerHeadline(answer: Pick<HostAnswerDto, 'answer' | 'hostName' | 'answeredAt'>, now?: Date): string {
  const verb = answer.answer === 'declined' ? 'Declined' : 'Confirmed';
  return `${verb} by ${answer.hostName || 'the host'} on ${answerDay(answer.answeredAt, now)}`;
}

/** What the host said, to follow the headline: "reason “…”", "no reason given", "mentor Carmen Ruiz". */
export function answerDetail(answer: Pick<HostAnswerDto, 'answer' | 'reason' | 'mentorName'>): string | null {
  if (answer.answer === 'declined') return answer.reason ? `reason “${answer.reason}”` : 'no reason given';
  return answer.mentorName ? `mentor ${answer.mentorName}` : null;
}

/** The headline and what the host said in one line: "Declined by Talleres Castilla on 3 Dec: reason “…”". */
export function answerLine(
  answer: Pick<HostAnswerDto, 'answer' | 'hostName' | 'answeredAt' | 'reason' | 'mentorName'>,
  now?: Date,
): string {
  const detail = answerDetail(answer);
  return detail ? `${answerHeadline(answer, now)}: ${detail}` : answerHeadline(answer, now);
}

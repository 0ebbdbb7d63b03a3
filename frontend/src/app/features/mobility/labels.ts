import type { MobilityDto, TaskDto } from '@mobility-hub/api-client';
import { PHASE_LABELS } from '@app/core/phase-labels';

export type MobilityState = MobilityDto['phase'];
export type MobilityEventType = MobilityDto['allowedEvents'][number];

const ROLE_LABELS: Record<TaskDto['role'], string> = {
  coordinator: 'Coordinator',
  sending: 'Sending organisation',
  host: 'Host organisation',
  learner: 'Learner',
};

const EVENT_LABELS: Record<string, string> = {
  CREATE: 'Created',
  EDIT: 'Edited',
  ADVANCE: 'Advance',
  REOPEN: 'Reopen',
  WITHDRAW: 'Withdraw',
  HOST_CONFIRM: 'Confirm placement',
  HOST_DECLINE: 'Host declined',
  CONSENT: 'Guardian answered',
  INTERRUPT: 'Record interruption',
  INSURANCE: 'Insurance recorded',
  PARTICIPANT_REPORT: 'Participant report',
};

export function stateLabel(state: string | null | undefined): string {
  return state ? (PHASE_LABELS[state as MobilityState] ?? state) : '—';
}

export function roleLabel(role: TaskDto['role']): string {
  return ROLE_LABELS[role] ?? role;
}

/** An event's name for people; an event this dashboard does not know yet is "Changed", never its code. */
export function eventLabel(event: string): string {
  return EVENT_LABELS[event] ?? 'Changed';
}

/** A domain rule message made readable: field names in words, a capital and a full stop. */
export function ruleMessage(message: string): string {
  const words = message
    .replace(/\bendDate\b/g, 'the last day')
    .replace(/\bstartDate\b/g, 'the first day')
    .replace(/\btravelDays\b/g, 'travel days');
  const text = words.charAt(0).toUpperCase() + words.slice(1);
  return text.endsWith('.') ? text : `${text}.`;
}

/** What happened, as the history says it (in the past: "Placement confirmed", not the button's "Confirm placement"). */
const HISTORY_LABELS: Record<string, string> = {
  ADVANCE: 'Moved on',
  REOPEN: 'Reopened',
  WITHDRAW: 'Withdrawn',
  HOST_CONFIRM: 'Placement confirmed',
  HOST_DECLINE: 'Host declined',
  INTERRUPT: 'Interruption recorded',
};

export function historyLabel(event: string): string {
  return HISTORY_LABELS[event] ?? eventLabel(event);
}

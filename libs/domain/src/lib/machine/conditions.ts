import type { Phase } from '../phases';
import { PHASES } from '../phases';
import { TASK_KEYS } from '../checklist/checklist';

export type TaskStatus = 'open' | 'done' | 'waived';
export const TASK_STATUSES: readonly TaskStatus[] = ['open', 'done', 'waived'];

/** What the guards need to know of one task. */
export interface TaskFact {
  readonly key: string;
  readonly phase: Phase;
  readonly title: string;
  readonly mandatory: boolean;
  readonly status: TaskStatus;
}

/**
 * The facts of a mobility at the moment an event is sent. The backend reads them from the database
 * inside the lifecycle transaction; the dashboard from the API. The machine decides on them alone.
 */
export interface MobilityFacts {
  readonly hostOrganisationId: string | null;
  readonly placementConfirmed: boolean;
  readonly tasks: readonly TaskFact[];
}

/** Why an event cannot apply now, as data the API returns and the dashboard shows. */
export type UnmetCondition =
  | {
      readonly code: 'MANDATORY_TASK_OPEN';
      readonly taskKey: string;
      readonly title: string;
      readonly phase: Phase;
      readonly message: string;
    }
  | { readonly code: 'HOST_REQUIRED'; readonly message: string }
  | { readonly code: 'PLACEMENT_NOT_CONFIRMED'; readonly message: string }
  | { readonly code: 'PLACEMENT_ALREADY_CONFIRMED'; readonly message: string }
  | { readonly code: 'LEARNING_AGREEMENT_NOT_SIGNED'; readonly message: string }
  | { readonly code: 'REASON_REQUIRED'; readonly message: string }
  | { readonly code: 'EVENT_NOT_ALLOWED'; readonly message: string };

export type UnmetConditionCode = UnmetCondition['code'];

/** Every unmet-condition code (a Record, so the compiler checks that none is missing). */
const UNMET_CONDITIONS: Record<UnmetConditionCode, true> = {
  MANDATORY_TASK_OPEN: true,
  HOST_REQUIRED: true,
  PLACEMENT_NOT_CONFIRMED: true,
  PLACEMENT_ALREADY_CONFIRMED: true,
  LEARNING_AGREEMENT_NOT_SIGNED: true,
  REASON_REQUIRED: true,
  EVENT_NOT_ALLOWED: true,
};
/** The closed set of `unmet[].code` values, for the API contract. */
export const UNMET_CONDITION_CODES = Object.keys(UNMET_CONDITIONS) as readonly UnmetConditionCode[];

function openMandatoryTasks(facts: MobilityFacts, phases: readonly Phase[]): UnmetCondition[] {
  return facts.tasks
    .filter((t) => t.mandatory && t.status === 'open' && phases.includes(t.phase))
    .map((t) => ({
      code: 'MANDATORY_TASK_OPEN' as const,
      taskKey: t.key,
      title: t.title,
      phase: t.phase,
      message: `Mandatory task "${t.title}" (${t.phase}) is still open`,
    }));
}

const HOST_REQUIRED: UnmetCondition = { code: 'HOST_REQUIRED', message: 'A host organisation must be assigned' };

/** Everything that stops ADVANCE out of `from`; empty when it may advance. */
export function advanceBlockers(from: Phase, facts: MobilityFacts): UnmetCondition[] {
  const unmet = openMandatoryTasks(facts, from === 'finalisation' ? PHASES : [from]);
  if (from === 'application' && !facts.hostOrganisationId) unmet.push(HOST_REQUIRED);
  if (from === 'preparation') {
    if (!facts.placementConfirmed) {
      unmet.push({ code: 'PLACEMENT_NOT_CONFIRMED', message: 'The host organisation has not confirmed the placement' });
    }
    const agreement = facts.tasks.find((t) => t.key === TASK_KEYS.learningAgreement);
    if (agreement?.status !== 'done') {
      unmet.push({
        code: 'LEARNING_AGREEMENT_NOT_SIGNED',
        message: 'The learning agreement must be signed (done, not waived) before the mobility starts',
      });
    }
  }
  return unmet;
}

export function hostConfirmBlockers(facts: MobilityFacts): UnmetCondition[] {
  if (!facts.hostOrganisationId) return [HOST_REQUIRED];
  if (facts.placementConfirmed) {
    return [{ code: 'PLACEMENT_ALREADY_CONFIRMED', message: 'The placement is already confirmed' }];
  }
  return [];
}

export function hostDeclineBlockers(facts: MobilityFacts): UnmetCondition[] {
  return facts.hostOrganisationId ? [] : [HOST_REQUIRED];
}

export function reasonBlockers(reason: string | undefined): UnmetCondition[] {
  return reason && reason.trim().length > 0
    ? []
    : [{ code: 'REASON_REQUIRED', message: 'A reason is required for this event' }];
}

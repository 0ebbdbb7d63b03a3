import { setup } from 'xstate';
import type { Phase } from '../phases';
import {
  advanceBlockers,
  hostConfirmBlockers,
  hostDeclineBlockers,
  interruptBlockers,
  InterruptionDetails,
  MobilityFacts,
  reasonBlockers,
} from './conditions';

/**
 * Bump when states, events or context change shape, and add a migration in `lifecycle.ts` that
 * turns a stored snapshot of the previous version into the new one.
 */
export const MOBILITY_MACHINE_VERSION = 2;
// Version 2: INTERRUPT (implementation → evaluation, with the actual last day). States and context
// are unchanged; `lifecycle.ts` migrates a version-1 snapshot to version 2.

export const MOBILITY_EVENT_TYPES = [
  'ADVANCE',
  'REOPEN',
  'WITHDRAW',
  'HOST_CONFIRM',
  'HOST_DECLINE',
  'INTERRUPT',
] as const;
export type MobilityEventType = (typeof MOBILITY_EVENT_TYPES)[number];

/** Events that must carry a reason (it lands in the history). */
export const EVENTS_REQUIRING_REASON: readonly MobilityEventType[] = ['REOPEN', 'WITHDRAW', 'INTERRUPT'];

export type MobilityEvent = {
  readonly type: MobilityEventType;
  readonly reason?: string;
  readonly facts: MobilityFacts;
  /** INTERRUPT only: the actual last day and the force-majeure flag. */
  readonly interruption?: Partial<InterruptionDetails>;
};

/**
 * Side effects of a transition, named here and carried out by whoever persists the mobility
 * (in the same transaction as the new snapshot). The machine itself performs no I/O.
 */
export const MOBILITY_EFFECTS = [
  'confirmPlacement',
  'completeHostConfirmationTask',
  'clearHost',
  'reopenHostSearchTask',
  'recordInterruption',
  'clearInterruption',
] as const;
export type MobilityEffect = (typeof MOBILITY_EFFECTS)[number];

// eslint-disable-next-line @typescript-eslint/no-empty-function
const effect = () => {};

const advance = (from: Phase, target: string) => ({
  guard: { type: 'canAdvance' as const, params: { from } },
  target,
});

const withdraw = { WITHDRAW: { guard: 'hasReason' as const, target: 'withdrawn' } };
const hostEvents = {
  HOST_CONFIRM: {
    guard: 'canHostConfirm' as const,
    actions: ['confirmPlacement', 'completeHostConfirmationTask'] as const,
  },
  HOST_DECLINE: { guard: 'canHostDecline' as const, actions: ['clearHost', 'reopenHostSearchTask'] as const },
};
const reopen = (target: Phase) => ({ REOPEN: { guard: 'hasReason' as const, target } });
const interrupt = {
  INTERRUPT: { guard: 'canInterrupt' as const, target: 'evaluation', actions: ['recordInterruption'] as const },
};

export const mobilityMachine = setup({
  types: {
    context: {} as Record<string, never>,
    events: {} as MobilityEvent,
  },
  guards: {
    canAdvance: ({ event }, params: { from: Phase }) => advanceBlockers(params.from, event.facts).length === 0,
    hasReason: ({ event }) => reasonBlockers(event.reason).length === 0,
    canHostConfirm: ({ event }) => hostConfirmBlockers(event.facts).length === 0,
    canHostDecline: ({ event }) => hostDeclineBlockers(event.facts).length === 0,
    canInterrupt: ({ event }) => interruptBlockers(event.facts, event.reason, event.interruption).length === 0,
  },
  actions: {
    confirmPlacement: effect,
    completeHostConfirmationTask: effect,
    clearHost: effect,
    reopenHostSearchTask: effect,
    recordInterruption: effect,
    clearInterruption: effect,
  },
}).createMachine({
  id: 'mobility',
  context: {},
  initial: 'application',
  states: {
    application: {
      on: { ADVANCE: advance('application', 'preparation'), ...withdraw, ...hostEvents },
    },
    preparation: {
      on: { ADVANCE: advance('preparation', 'implementation'), ...reopen('application'), ...withdraw, ...hostEvents },
    },
    implementation: {
      on: {
        ADVANCE: advance('implementation', 'evaluation'),
        ...interrupt,
        ...reopen('preparation'),
        ...withdraw,
      },
    },
    evaluation: {
      on: {
        ADVANCE: advance('evaluation', 'finalisation'),
        // Back to the stay: an interruption recorded by mistake (or a stay that resumed) is undone.
        REOPEN: { guard: 'hasReason' as const, target: 'implementation', actions: ['clearInterruption'] as const },
        ...withdraw,
      },
    },
    finalisation: {
      on: { ADVANCE: advance('finalisation', 'completed'), ...reopen('evaluation'), ...withdraw },
    },
    completed: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});

export type MobilityMachine = typeof mobilityMachine;

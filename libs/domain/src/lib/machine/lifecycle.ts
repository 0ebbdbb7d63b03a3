import { initialTransition, SnapshotFrom, transition } from 'xstate';
import { addDays } from '../dates';
import { isPhase, MOBILITY_STATES, MobilityState, Phase } from '../phases';
import {
  advanceBlockers,
  hostConfirmBlockers,
  hostDeclineBlockers,
  interruptBlockers,
  MobilityFacts,
  reasonBlockers,
  UnmetCondition,
} from './conditions';
import {
  MOBILITY_EFFECTS,
  MOBILITY_EVENT_TYPES,
  MOBILITY_MACHINE_VERSION,
  MobilityEffect,
  MobilityEvent,
  MobilityEventType,
  mobilityMachine,
} from './mobility.machine';

export type MobilitySnapshot = SnapshotFrom<typeof mobilityMachine>;

/** The form a snapshot is stored in (jsonb), always next to the machine version that wrote it. */
export interface StoredSnapshot {
  readonly value: MobilityState;
  readonly context: Record<string, never>;
}

export class SnapshotVersionError extends Error {
  constructor(
    readonly storedVersion: number,
    reason: string,
  ) {
    super(`cannot restore a mobility snapshot of machine version ${storedVersion}: ${reason}`);
    this.name = 'SnapshotVersionError';
  }
}

/**
 * Migrations from version N (the key) to N+1; a stored snapshot of any version without a path to
 * the current one is rejected, never guessed at.
 */
export const SNAPSHOT_MIGRATIONS: Readonly<Record<number, (stored: unknown) => unknown>> = {
  /**
   * 1 → 2: version 2 adds INTERRUPT to implementation; every state and the (empty) context stay as
   * they were, so a version-1 snapshot of a known state is a version-2 snapshot. It is checked here
   * (a v1 snapshot in a state v1 did not have is refused, not carried over) and copied.
   */
  1: (stored) => {
    if (!isStoredSnapshot(stored)) return stored;
    return { value: stored.value, context: {} } satisfies StoredSnapshot;
  },
};
const MIGRATIONS = SNAPSHOT_MIGRATIONS;

export function initialMobilitySnapshot(): MobilitySnapshot {
  return initialTransition(mobilityMachine)[0];
}

export function persistSnapshot(snapshot: MobilitySnapshot): StoredSnapshot {
  return { value: stateOf(snapshot), context: {} };
}

export function stateOf(snapshot: MobilitySnapshot): MobilityState {
  return snapshot.value as MobilityState;
}

function isStoredSnapshot(value: unknown): value is StoredSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { value?: unknown; context?: unknown };
  return (
    (MOBILITY_STATES as readonly unknown[]).includes(candidate.value) &&
    typeof candidate.context === 'object' &&
    candidate.context !== null &&
    !Array.isArray(candidate.context)
  );
}

/** Restores a stored snapshot, migrating it from an older machine version or rejecting it. */
export function restoreSnapshot(stored: unknown, storedVersion: number): MobilitySnapshot {
  if (!Number.isInteger(storedVersion) || storedVersion < 1 || storedVersion > MOBILITY_MACHINE_VERSION) {
    throw new SnapshotVersionError(storedVersion, `this build knows versions 1..${MOBILITY_MACHINE_VERSION}`);
  }
  let current = stored;
  for (let version = storedVersion; version < MOBILITY_MACHINE_VERSION; version++) {
    const migrate = MIGRATIONS[version];
    if (!migrate) throw new SnapshotVersionError(storedVersion, `no migration from version ${version}`);
    current = migrate(current);
  }
  if (!isStoredSnapshot(current)) {
    throw new SnapshotVersionError(storedVersion, 'the stored snapshot does not have the shape of this version');
  }
  return mobilityMachine.resolveState({ value: current.value, context: {} });
}

/** The conditions that stop `event` in `snapshot`'s state; empty when the machine accepts it. */
export function unmetConditions(snapshot: MobilitySnapshot, event: MobilityEvent): UnmetCondition[] {
  const state = stateOf(snapshot);
  if (!isPhase(state) || !acceptsType(state, event.type)) {
    return [{ code: 'EVENT_NOT_ALLOWED', message: `${event.type} is not possible when the mobility is ${state}` }];
  }
  switch (event.type) {
    case 'ADVANCE':
      return advanceBlockers(state, event.facts);
    case 'REOPEN':
    case 'WITHDRAW':
      return reasonBlockers(event.reason);
    case 'HOST_CONFIRM':
      return hostConfirmBlockers(event.facts);
    case 'HOST_DECLINE':
      return hostDeclineBlockers(event.facts);
    case 'INTERRUPT':
      return interruptBlockers(event.facts, event.reason, event.interruption);
  }
}

/**
 * What still stops the mobility moving on to its next phase (ADVANCE) now, for showing before anyone
 * presses the button: empty when it may advance, or when there is no next step (a final state).
 */
export function advanceBlockersNow(snapshot: MobilitySnapshot, facts: MobilityFacts): UnmetCondition[] {
  const state = stateOf(snapshot);
  if (!isPhase(state) || !acceptsType(state, 'ADVANCE')) return [];
  return snapshot.can({ type: 'ADVANCE', facts }) ? [] : unmetConditions(snapshot, { type: 'ADVANCE', facts });
}

function acceptsType(state: Phase, type: MobilityEventType): boolean {
  return Object.prototype.hasOwnProperty.call(mobilityMachine.states[state]?.config.on ?? {}, type);
}

/**
 * Event types the machine accepts now (REOPEN, WITHDRAW and INTERRUPT assuming a reason is given;
 * INTERRUPT assuming a valid actual last day — today, or the day before the last planned day — is).
 */
export function allowedEvents(snapshot: MobilitySnapshot, facts: MobilityFacts): MobilityEventType[] {
  const lastPossible = facts.today < facts.endDate ? facts.today : addDays(facts.endDate, -1);
  return MOBILITY_EVENT_TYPES.filter((type) =>
    snapshot.can({
      type,
      facts,
      reason: 'reason given',
      ...(type === 'INTERRUPT' ? { interruption: { actualEndDate: lastPossible, forceMajeure: false } } : {}),
    }),
  );
}

export type LifecycleResult =
  | { readonly ok: false; readonly unmet: UnmetCondition[] }
  | {
      readonly ok: true;
      readonly snapshot: MobilitySnapshot;
      readonly from: MobilityState;
      readonly to: MobilityState;
      readonly effects: MobilityEffect[];
    };

/** Applies one event: the new snapshot and the effects to persist, or why it was refused. */
export function applyEvent(snapshot: MobilitySnapshot, event: MobilityEvent): LifecycleResult {
  if (!snapshot.can(event)) {
    const unmet = unmetConditions(snapshot, event);
    return {
      ok: false,
      unmet: unmet.length ? unmet : [{ code: 'EVENT_NOT_ALLOWED', message: `${event.type} was refused` }],
    };
  }
  const [next, actions] = transition(mobilityMachine, snapshot, event);
  const effects = actions
    .map((action) => action.type)
    .filter((type): type is MobilityEffect => (MOBILITY_EFFECTS as readonly string[]).includes(type));
  return { ok: true, snapshot: next, from: stateOf(snapshot), to: stateOf(next), effects };
}

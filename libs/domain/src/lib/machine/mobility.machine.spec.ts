/**
 * Model-based tests: xstate/graph walks the mobility machine with a catalogue of events whose facts
 * make every guard pass in some places and fail in others. The generated transitions and paths are
 * then checked against the pure lifecycle API (`applyEvent`, `unmetConditions`, `allowedEvents`,
 * `persistSnapshot`/`restoreSnapshot`), which is what the backend and the dashboard use.
 */
import { checklistFacts } from './facts.fixture';
import { transition } from 'xstate';
import {
  adjacencyMapToArray,
  createTestModel,
  getAdjacencyMap,
  getShortestPaths,
  getSimplePaths,
  getStateNodes,
} from 'xstate/graph';
import type { TaskTemplate } from '../checklist/template.types';
import { FINAL_STATES, isFinalState, MOBILITY_STATES, MobilityState, Phase, PHASES } from '../phases';
import { InterruptionDetails, MobilityFacts, TaskStatus } from './conditions';
import {
  allowedEvents,
  applyEvent,
  initialMobilitySnapshot,
  MobilitySnapshot,
  persistSnapshot,
  restoreSnapshot,
  stateOf,
  unmetConditions,
} from './lifecycle';
import {
  MOBILITY_EFFECTS,
  MOBILITY_EVENT_TYPES,
  MOBILITY_MACHINE_VERSION,
  MobilityEffect,
  MobilityEvent,
  MobilityEventType,
  mobilityMachine,
} from './mobility.machine';

// ── the event catalogue ───────────────────────────────────────────────────────────────────────

function facts(
  host: string | null,
  placementConfirmed: boolean,
  status: (task: TaskTemplate) => TaskStatus,
): MobilityFacts {
  return checklistFacts({ host, placementConfirmed, status });
}

/** Facts variants chosen so that each guard both passes and fails in every state where it is used. */
const FACTS: Readonly<Record<string, MobilityFacts>> = {
  fresh: facts(null, false, () => 'open'),
  ready: facts('host-1', true, () => 'done'),
  unconfirmed: facts('host-1', false, () => 'done'),
  noHost: facts(null, false, () => 'done'),
  allWaived: facts('host-1', true, () => 'waived'),
  waivedAgreementDone: facts('host-1', true, (t) => (t.key === 'learning-agreement' ? 'done' : 'waived')),
  practiceOpen: facts('host-1', true, (t) => (t.mandatory ? 'done' : 'open')),
  // The calendar (stay 1–28 June 2026, 2 travel days: implementation from 31 May, evaluation from 28 June).
  tooEarly: checklistFacts({ today: '2026-05-30' }),
  travelDay: checklistFacts({ today: '2026-05-31' }),
  midStay: checklistFacts({ today: '2026-06-10' }),
  lastDay: checklistFacts({ today: '2026-06-28' }),
  interrupted: checklistFacts({ today: '2026-06-10', actualEndDate: '2026-06-09' }),
  uninsured: checklistFacts({ insurance: [] }),
  ehicOnly: checklistFacts({
    insurance: [{ kind: 'ehic', insurer: 'AOK', policyNumber: '80276', risks: ['health'] }],
  }),
  ...Object.fromEntries(
    PHASES.map((phase) => [
      `open:${phase}`,
      facts('host-1', true, (t) => (t.phase === phase && t.mandatory ? 'open' : 'done')),
    ]),
  ),
};

const REASONS: Readonly<Record<string, string | undefined>> = {
  reason: 'Learner fell ill',
  noReason: undefined,
  emptyReason: '',
  blankReason: '  \t',
};

/** Every catalogue event by identity, with a short label (xstate/graph keeps event identity). */
const LABELS = new Map<object, { readonly label: string; readonly event: MobilityEvent }>();

function define(label: string, event: MobilityEvent): MobilityEvent {
  LABELS.set(event, { label, event });
  return event;
}

const labelOf = (event: MobilityEvent): string => LABELS.get(event)?.label ?? JSON.stringify(event);

/** The full MobilityEvent behind a step's event (test-model executors type it as `{ type }` only). */
function catalogueEvent(event: object): MobilityEvent {
  const found = LABELS.get(event);
  if (!found) throw new Error(`not a catalogue event: ${JSON.stringify(event)}`);
  return found.event;
}

const FACT_EVENTS: readonly MobilityEvent[] = (['ADVANCE', 'HOST_CONFIRM', 'HOST_DECLINE'] as const).flatMap((type) =>
  Object.entries(FACTS).map(([name, f]) => define(`${type}[${name}]`, { type, facts: f })),
);
const REASON_EVENTS: readonly MobilityEvent[] = (['REOPEN', 'WITHDRAW'] as const).flatMap((type) =>
  Object.entries(REASONS).flatMap(([name, reason]) =>
    (['ready', 'fresh'] as const).map((factsName) =>
      define(
        `${type}[${name},${factsName}]`,
        reason === undefined ? { type, facts: FACTS[factsName] } : { type, facts: FACTS[factsName], reason },
      ),
    ),
  ),
);
/** INTERRUPT with the actual last day and force majeure, on facts of a stay under way (today 10 June). */
const INTERRUPTIONS: Readonly<Record<string, Partial<InterruptionDetails> | undefined>> = {
  valid: { actualEndDate: '2026-06-09', forceMajeure: true },
  today: { actualEndDate: '2026-06-10', forceMajeure: false },
  firstDay: { actualEndDate: '2026-06-01', forceMajeure: false },
  beforeStart: { actualEndDate: '2026-05-31', forceMajeure: false },
  future: { actualEndDate: '2026-06-11', forceMajeure: false },
  noFlag: { actualEndDate: '2026-06-09' },
  none: undefined,
};
const INTERRUPT_EVENTS: readonly MobilityEvent[] = [
  ...Object.entries(INTERRUPTIONS).map(([name, interruption]) =>
    define(`INTERRUPT[${name}]`, {
      type: 'INTERRUPT',
      facts: FACTS['midStay'],
      reason: 'Host company closed after a flood',
      ...(interruption ? { interruption } : {}),
    }),
  ),
  define('INTERRUPT[noReason]', {
    type: 'INTERRUPT',
    facts: FACTS['midStay'],
    interruption: INTERRUPTIONS['valid'],
  }),
  // On the last planned day the stay was not interrupted: it ended.
  define('INTERRUPT[lastDay]', {
    type: 'INTERRUPT',
    facts: FACTS['lastDay'],
    reason: 'Came home',
    interruption: { actualEndDate: '2026-06-28', forceMajeure: false },
  }),
];
const EVENTS: readonly MobilityEvent[] = [...FACT_EVENTS, ...REASON_EVENTS, ...INTERRUPT_EVENTS];

function ev(label: string): MobilityEvent {
  const found = EVENTS.find((e) => labelOf(e) === label);
  if (!found) throw new Error(`fixture: no catalogue event ${label}`);
  return found;
}

/** One passing and one failing event per type: small enough for simple-path enumeration. */
const REPRESENTATIVE: readonly MobilityEvent[] = [
  'ADVANCE[ready]',
  'ADVANCE[fresh]',
  'REOPEN[reason,ready]',
  'REOPEN[blankReason,ready]',
  'WITHDRAW[reason,ready]',
  'WITHDRAW[noReason,ready]',
  'HOST_CONFIRM[unconfirmed]',
  'HOST_CONFIRM[ready]',
  'HOST_DECLINE[ready]',
  'HOST_DECLINE[noHost]',
  'INTERRUPT[valid]',
  'INTERRUPT[future]',
].map(ev);

// ── the machine's own definition of its guarded transitions ──────────────────────────────────

function guardLabel(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && guard !== null && 'type' in guard && typeof guard.type === 'string') {
    const params = 'params' in guard ? guard.params : undefined;
    const from = typeof params === 'object' && params !== null && 'from' in params ? params.from : undefined;
    return typeof from === 'string' ? `${guard.type}(${from})` : guard.type;
  }
  throw new Error(`unexpected guard ${String(guard)}`);
}

interface GuardedTransition {
  readonly state: string;
  readonly eventType: string;
  readonly guard: string;
}

const GUARDED: readonly GuardedTransition[] = getStateNodes(mobilityMachine.root).flatMap((node) =>
  [...node.transitions.entries()].flatMap(([eventType, definitions]) =>
    definitions
      .filter((d) => d.guard !== undefined)
      .map((d) => ({ state: node.key, eventType, guard: guardLabel(d.guard) })),
  ),
);

const guardOf = (state: string, eventType: string): GuardedTransition | undefined =>
  GUARDED.find((g) => g.state === state && g.eventType === eventType);

const transitionKey = (g: GuardedTransition) => `${g.state} --${g.eventType}--> [${g.guard}]`;

// ── the oracle: what the machine itself does with an event ────────────────────────────────────

interface Outcome {
  readonly fired: boolean;
  readonly to: MobilityState;
  readonly effects: readonly string[];
}

function outcome(snapshot: MobilitySnapshot, event: MobilityEvent): Outcome {
  const [next, actions] = transition(mobilityMachine, snapshot, event);
  const effects = actions.map((a) => a.type);
  return { fired: stateOf(next) !== stateOf(snapshot) || effects.length > 0, to: stateOf(next), effects };
}

/** Disagreements between the machine and the lifecycle API for one state and event (empty = agree). */
function disagreements(snapshot: MobilitySnapshot, event: MobilityEvent): string[] {
  const where = `${stateOf(snapshot)} + ${labelOf(event)}`;
  const problems: string[] = [];
  const expected = outcome(snapshot, event);
  const unmet = unmetConditions(snapshot, event);
  const result = applyEvent(snapshot, event);

  if (snapshot.can(event) !== expected.fired)
    problems.push(`${where}: can() = ${!expected.fired}, machine fired = ${expected.fired}`);
  if ((unmet.length === 0) !== expected.fired) {
    problems.push(
      `${where}: machine fired = ${expected.fired} but unmetConditions = ${JSON.stringify(unmet.map((u) => u.code))}`,
    );
  }
  if (result.ok !== expected.fired)
    problems.push(`${where}: applyEvent ok = ${result.ok}, machine fired = ${expected.fired}`);
  if (result.ok) {
    if (result.from !== stateOf(snapshot) || result.to !== expected.to)
      problems.push(`${where}: applyEvent went ${result.from} → ${result.to}`);
    if (JSON.stringify(result.effects) !== JSON.stringify(expected.effects)) {
      problems.push(
        `${where}: effects ${JSON.stringify(result.effects)}, machine actions ${JSON.stringify(expected.effects)}`,
      );
    }
    if (stateOf(result.snapshot) !== expected.to)
      problems.push(`${where}: applyEvent snapshot in ${stateOf(result.snapshot)}`);
  } else if (JSON.stringify(result.unmet) !== JSON.stringify(unmet)) {
    problems.push(`${where}: applyEvent unmet ${JSON.stringify(result.unmet)} differs from unmetConditions`);
  }
  const acceptsType = guardOf(stateOf(snapshot), event.type) !== undefined;
  if (!acceptsType && (unmet.length !== 1 || unmet[0].code !== 'EVENT_NOT_ALLOWED')) {
    problems.push(
      `${where}: state has no ${event.type} transition but unmet = ${JSON.stringify(unmet.map((u) => u.code))}`,
    );
  }
  if (acceptsType && unmet.some((u) => u.code === 'EVENT_NOT_ALLOWED'))
    problems.push(`${where}: EVENT_NOT_ALLOWED for an accepted type`);
  return problems;
}

// ── the tests ────────────────────────────────────────────────────────────────────────────────

describe('mobility machine definition', () => {
  it('has one guarded transition per (state, event type) of the lifecycle', () => {
    expect(GUARDED.map(transitionKey).sort()).toEqual(
      [
        ...PHASES.map((p) => `${p} --ADVANCE--> [canAdvance(${p})]`),
        ...PHASES.slice(1).map((p) => `${p} --REOPEN--> [hasReason]`),
        ...PHASES.map((p) => `${p} --WITHDRAW--> [hasReason]`),
        'implementation --INTERRUPT--> [canInterrupt]',
        ...(['application', 'preparation'] as const).flatMap((p) => [
          `${p} --HOST_CONFIRM--> [canHostConfirm]`,
          `${p} --HOST_DECLINE--> [canHostDecline]`,
        ]),
      ].sort(),
    );
  });

  it('the catalogue labels are unique', () => {
    expect(new Set(EVENTS.map(labelOf)).size).toBe(EVENTS.length);
  });
});

describe('model-based: reachability (getShortestPaths)', () => {
  const paths = getShortestPaths(mobilityMachine, { events: EVENTS, serializeEvent: labelOf });
  const pathTo = (state: MobilityState) => {
    const found = paths.find((p) => stateOf(p.state) === state);
    if (!found) throw new Error(`no path reaches ${state}`);
    return found;
  };
  const eventsOf = (state: MobilityState) =>
    pathTo(state)
      .steps.slice(1)
      .map((s) => s.event);

  it('reaches every phase and both final states', () => {
    expect(new Set(paths.map((p) => stateOf(p.state)))).toEqual(new Set(MOBILITY_STATES));
  });

  it.each(PHASES.map((phase, index) => [phase, index] as const))('reaches %s by %d ADVANCE events', (phase, index) => {
    expect(eventsOf(phase).map((e) => e.type)).toEqual(Array<MobilityEventType>(index).fill('ADVANCE'));
  });

  it('completes only after advancing through all five phases', () => {
    expect(eventsOf('completed').map((e) => e.type)).toEqual(Array<MobilityEventType>(5).fill('ADVANCE'));
    expect(pathTo('completed').state.status).toBe('done');
    // The last step had to satisfy the finalisation guard: every mandatory task done or waived.
    const last = eventsOf('completed')[4];
    expect(last.facts.tasks.filter((t) => t.mandatory && t.status === 'open')).toEqual([]);
  });

  it('withdraws directly, and only with a real reason', () => {
    const [withdraw] = eventsOf('withdrawn');
    expect(eventsOf('withdrawn')).toHaveLength(1);
    expect(withdraw.type).toBe('WITHDRAW');
    expect(withdraw.reason?.trim()).toBeTruthy();
    expect(pathTo('withdrawn').state.status).toBe('done');
  });

  it('every simple path to completed passes through the five phases in order', () => {
    const simple = getSimplePaths(mobilityMachine, {
      events: REPRESENTATIVE,
      serializeEvent: labelOf,
      toState: (s) => stateOf(s) === 'completed',
    }).filter((p) => stateOf(p.state) === 'completed');
    expect(simple.length).toBeGreaterThan(0);
    for (const path of simple)
      expect(path.steps.map((s) => stateOf(s.state))).toEqual([...MOBILITY_STATES.slice(0, 6)]);
  });

  it('can withdraw from every phase (getSimplePaths)', () => {
    const simple = getSimplePaths(mobilityMachine, { events: REPRESENTATIVE, serializeEvent: labelOf }).filter(
      (p) => stateOf(p.state) === 'withdrawn',
    );
    const withdrawnFrom = new Set(simple.map((p) => stateOf(p.steps[p.steps.length - 2].state)));
    expect(withdrawnFrom).toEqual(new Set(PHASES));
  });
});

describe('model-based: guards and unmet conditions over every generated transition', () => {
  const edges = adjacencyMapToArray(getAdjacencyMap(mobilityMachine, { events: EVENTS, serializeEvent: labelOf }));

  it('explores every state with every catalogue event', () => {
    expect(edges).toHaveLength(MOBILITY_STATES.length * EVENTS.length);
    expect(new Set(edges.map((e) => stateOf(e.state)))).toEqual(new Set(MOBILITY_STATES));
  });

  it('every guarded transition both blocks and allows somewhere', () => {
    const seen = new Map<string, Set<'allows' | 'blocks'>>(GUARDED.map((g) => [transitionKey(g), new Set()]));
    for (const { state, event, nextState } of edges) {
      const guarded = guardOf(stateOf(state), event.type);
      const result = outcome(state, event);
      expect(result.to).toBe(stateOf(nextState));
      if (guarded) seen.get(transitionKey(guarded))?.add(result.fired ? 'allows' : 'blocks');
    }
    const summary = Object.fromEntries([...seen].map(([key, outcomes]) => [key, [...outcomes].sort()]));
    expect(summary).toEqual(Object.fromEntries(GUARDED.map((g) => [transitionKey(g), ['allows', 'blocks']])));
  });

  it('covers each guard by name: canAdvance per phase, hasReason, canHostConfirm, canHostDecline, canInterrupt', () => {
    const byGuard = new Map<string, Set<boolean>>();
    for (const { state, event } of edges) {
      const guarded = guardOf(stateOf(state), event.type);
      if (!guarded) continue;
      const outcomes = byGuard.get(guarded.guard) ?? new Set<boolean>();
      outcomes.add(outcome(state, event).fired);
      byGuard.set(guarded.guard, outcomes);
    }
    expect(Object.fromEntries([...byGuard].map(([guard, o]) => [guard, [...o].sort()]))).toEqual({
      ...Object.fromEntries(PHASES.map((p: Phase) => [`canAdvance(${p})`, [false, true]])),
      hasReason: [false, true],
      canHostConfirm: [false, true],
      canHostDecline: [false, true],
      canInterrupt: [false, true],
    });
  });

  it('the machine blocks exactly when unmetConditions is non-empty (and applyEvent agrees)', () => {
    const problems = edges.flatMap(({ state, event }) => disagreements(state, event));
    expect(problems).toEqual([]);
  });

  it('never moves or acts on an event a state does not handle', () => {
    const unhandled = edges.filter(({ state, event }) => !guardOf(stateOf(state), event.type));
    // REOPEN in application, host events after preparation, everything in the final states.
    expect(unhandled.some(({ state, event }) => stateOf(state) === 'application' && event.type === 'REOPEN')).toBe(
      true,
    );
    expect(
      unhandled.some(({ state, event }) => stateOf(state) === 'implementation' && event.type === 'HOST_CONFIRM'),
    ).toBe(true);
    for (const { state, event, nextState } of unhandled) {
      expect({ event: labelOf(event), outcome: outcome(state, event) }).toEqual({
        event: labelOf(event),
        outcome: { fired: false, to: stateOf(state), effects: [] },
      });
      expect(stateOf(nextState)).toBe(stateOf(state));
    }
  });

  it('names only declared effects, and only on the host events, INTERRUPT and REOPEN out of evaluation', () => {
    for (const { state, event } of edges) {
      const { fired, effects } = outcome(state, event);
      for (const effect of effects) expect(MOBILITY_EFFECTS).toContain(effect);
      const expected: Partial<Record<MobilityEventType, readonly MobilityEffect[]>> = {
        HOST_CONFIRM: ['confirmPlacement', 'completeHostConfirmationTask'],
        HOST_DECLINE: ['clearHost', 'reopenHostSearchTask'],
        INTERRUPT: ['recordInterruption'],
      };
      const reopenedStay = event.type === 'REOPEN' && stateOf(state) === 'evaluation';
      expect(effects).toEqual(fired ? (reopenedStay ? ['clearInterruption'] : [...(expected[event.type] ?? [])]) : []);
    }
  });
});

describe('model-based: final states accept no event', () => {
  const finals = adjacencyMapToArray(getAdjacencyMap(mobilityMachine, { events: EVENTS, serializeEvent: labelOf }))
    .map((e) => e.state)
    .filter((s) => isFinalState(stateOf(s)));

  it.each(FINAL_STATES)('%s', (finalState) => {
    const snapshot = finals.find((s) => stateOf(s) === finalState);
    if (!snapshot) throw new Error(`${finalState} was not reached`);
    expect(snapshot.status).toBe('done');
    for (const event of EVENTS) {
      expect({ event: labelOf(event), can: snapshot.can(event) }).toEqual({ event: labelOf(event), can: false });
      const result = applyEvent(snapshot, event);
      expect(result).toEqual({
        ok: false,
        unmet: [
          { code: 'EVENT_NOT_ALLOWED', message: `${event.type} is not possible when the mobility is ${finalState}` },
        ],
      });
    }
    for (const type of MOBILITY_EVENT_TYPES) {
      for (const f of Object.values(FACTS)) expect(snapshot.can({ type, facts: f, reason: 'any reason' })).toBe(false);
    }
    for (const f of Object.values(FACTS)) expect(allowedEvents(snapshot, f)).toEqual([]);
  });

  it('the test model offers a final state no event at all', () => {
    const model = createTestModel(mobilityMachine, {
      events: EVENTS,
      serializeEvent: labelOf,
      serializeTransition: () => '',
    });
    const adjacency = Object.values(model.getAdjacencyMap());
    const finalVertices = adjacency.filter((v) => isFinalState(stateOf(v.state)));
    expect(finalVertices.map((v) => stateOf(v.state)).sort()).toEqual([...FINAL_STATES].sort());
    for (const vertex of finalVertices) expect(Object.keys(vertex.transitions)).toEqual([]);
  });
});

describe('model-based: generated paths replayed on the lifecycle API (createTestModel)', () => {
  const fullModel = createTestModel(mobilityMachine, {
    events: EVENTS,
    serializeEvent: labelOf,
    serializeTransition: () => '',
  });
  const smallModel = createTestModel(mobilityMachine, {
    events: REPRESENTATIVE,
    serializeEvent: labelOf,
    serializeTransition: () => '',
  });

  type ModelPath = ReturnType<typeof fullModel.getShortestPaths>[number];

  /**
   * Runs one path against a fresh lifecycle: each step through `applyEvent`, each state checked
   * against the model, through a persist/restore round trip, and for guard ⇔ unmetConditions.
   */
  async function replay(path: ModelPath): Promise<{ visited: MobilityState[]; applied: MobilityEventType[] }> {
    let sut = initialMobilitySnapshot();
    let model: MobilitySnapshot = path.steps[0].state;
    const visited: MobilityState[] = [];
    const applied: MobilityEventType[] = [];

    const step = ({ event, state }: { event: object; state: MobilitySnapshot }) => {
      const full = catalogueEvent(event);
      const expected = outcome(model, full);
      const result = applyEvent(sut, full);
      expect({ event: labelOf(full), ok: result.ok }).toEqual({ event: labelOf(full), ok: expected.fired });
      if (result.ok) {
        expect(result.to).toBe(stateOf(state));
        expect(result.effects).toEqual(expected.effects);
        sut = result.snapshot;
      }
      applied.push(full.type);
    };
    const check = (state: MobilitySnapshot) => {
      model = state;
      visited.push(stateOf(state));
      expect(stateOf(sut)).toBe(stateOf(state));
      expect(sut.status).toBe(state.status);
      const restored = restoreSnapshot(JSON.parse(JSON.stringify(persistSnapshot(sut))), MOBILITY_MACHINE_VERSION);
      expect(stateOf(restored)).toBe(stateOf(sut));
      expect(EVENTS.flatMap((e) => disagreements(restored, e))).toEqual([]);
    };

    await path.test({
      events: Object.fromEntries(MOBILITY_EVENT_TYPES.map((type) => [type, step])),
      states: Object.fromEntries(MOBILITY_STATES.map((state) => [state, check])),
    });
    return { visited, applied };
  }

  it('shortest paths with the full catalogue reach every state in the lifecycle too', async () => {
    const paths = fullModel.getShortestPaths({ allowDuplicatePaths: true });
    const reached = new Set<MobilityState>();
    for (const path of paths) {
      const { visited, applied } = await replay(path);
      expect(applied).toHaveLength(path.steps.length - 1);
      expect(visited).toHaveLength(path.steps.length);
      visited.forEach((s) => reached.add(s));
    }
    expect(reached).toEqual(new Set(MOBILITY_STATES));
  });

  it('simple paths onward from every state (REOPEN chains included) replay identically', async () => {
    const heads = smallModel.getShortestPaths({ allowDuplicatePaths: true });
    const paths = smallModel.getSimplePathsFrom(heads);
    expect(paths.length).toBeGreaterThan(heads.length);
    const appliedTypes = new Set<MobilityEventType>();
    for (const path of paths) {
      const { applied, visited } = await replay(path);
      expect(visited[visited.length - 1]).toBe(stateOf(path.state));
      applied.forEach((t) => appliedTypes.add(t));
    }
    expect(appliedTypes).toEqual(new Set(['ADVANCE', 'REOPEN', 'WITHDRAW', 'INTERRUPT']));
  });

  it('a scripted path with blocked events and host events (getPathsFromEvents) replays identically', async () => {
    const script = [
      ['ADVANCE[fresh]', 'application'],
      ['REOPEN[reason,ready]', 'application'],
      ['HOST_CONFIRM[noHost]', 'application'],
      ['HOST_DECLINE[ready]', 'application'],
      ['HOST_CONFIRM[unconfirmed]', 'application'],
      ['ADVANCE[noHost]', 'application'],
      ['ADVANCE[ready]', 'preparation'],
      ['HOST_CONFIRM[ready]', 'preparation'],
      ['HOST_CONFIRM[unconfirmed]', 'preparation'],
      ['ADVANCE[unconfirmed]', 'preparation'],
      ['ADVANCE[allWaived]', 'preparation'],
      ['ADVANCE[waivedAgreementDone]', 'implementation'],
      ['HOST_DECLINE[ready]', 'implementation'],
      ['REOPEN[blankReason,ready]', 'implementation'],
      ['REOPEN[reason,fresh]', 'preparation'],
      ['ADVANCE[ready]', 'implementation'],
      ['ADVANCE[open:implementation]', 'implementation'],
      ['ADVANCE[practiceOpen]', 'evaluation'],
      ['ADVANCE[ready]', 'finalisation'],
      ['ADVANCE[open:application]', 'finalisation'],
      ['ADVANCE[allWaived]', 'completed'],
      ['WITHDRAW[reason,ready]', 'completed'],
    ] as const;
    const [path] = fullModel.getPathsFromEvents(script.map(([label]) => ev(label)));
    expect(path.steps.slice(1).map((s) => stateOf(s.state))).toEqual(script.map(([, state]) => state));

    const { applied, visited } = await replay(path);
    expect(applied).toEqual(script.map(([label]) => ev(label).type));
    expect(visited).toEqual(['application', ...script.map(([, state]) => state)]);
  });
});

describe('model-based: INTERRUPT and the calendar', () => {
  const edges = adjacencyMapToArray(getAdjacencyMap(mobilityMachine, { events: EVENTS, serializeEvent: labelOf }));
  const firedIn = (state: MobilityState, prefix: string) =>
    edges
      .filter((e) => stateOf(e.state) === state && labelOf(e.event).startsWith(prefix))
      .filter((e) => outcome(e.state, e.event).fired)
      .map((e) => labelOf(e.event))
      .sort();

  it('interrupts only from implementation, with a reason, a flag and an actual last day in the stay, not in the future', () => {
    expect(firedIn('implementation', 'INTERRUPT')).toEqual([
      'INTERRUPT[firstDay]',
      'INTERRUPT[today]',
      'INTERRUPT[valid]',
    ]);
    for (const state of MOBILITY_STATES.filter((s) => s !== 'implementation'))
      expect(firedIn(state, 'INTERRUPT')).toEqual([]);
  });

  it('an interruption lands in evaluation with the recordInterruption effect', () => {
    const implementation = edges.find((e) => stateOf(e.state) === 'implementation')?.state;
    if (!implementation) throw new Error('implementation not reached');
    const result = applyEvent(implementation, ev('INTERRUPT[valid]'));
    expect(result).toMatchObject({
      ok: true,
      from: 'implementation',
      to: 'evaluation',
      effects: ['recordInterruption'],
    });
    const refused = applyEvent(implementation, ev('INTERRUPT[future]'));
    expect(refused.ok ? [] : refused.unmet.map((u) => u.code)).toEqual(['INTERRUPTION_DATE_INVALID']);
  });

  it('ADVANCE follows the calendar: implementation from the travel day, evaluation from the last day', () => {
    expect(firedIn('preparation', 'ADVANCE[')).toEqual(
      expect.arrayContaining(['ADVANCE[travelDay]', 'ADVANCE[midStay]', 'ADVANCE[lastDay]']),
    );
    expect(firedIn('preparation', 'ADVANCE[')).not.toContain('ADVANCE[tooEarly]');
    expect(firedIn('preparation', 'ADVANCE[')).not.toContain('ADVANCE[uninsured]');
    expect(firedIn('implementation', 'ADVANCE[')).toContain('ADVANCE[lastDay]');
    expect(firedIn('implementation', 'ADVANCE[')).toContain('ADVANCE[interrupted]');
    expect(firedIn('implementation', 'ADVANCE[')).not.toContain('ADVANCE[midStay]');
    expect(firedIn('implementation', 'ADVANCE[')).not.toContain('ADVANCE[travelDay]');
  });

  it('a scripted stay interrupted by force majeure replays identically', async () => {
    const model = createTestModel(mobilityMachine, { events: EVENTS, serializeEvent: labelOf });
    const script = [
      ['ADVANCE[ready]', 'preparation'],
      ['ADVANCE[uninsured]', 'preparation'],
      ['ADVANCE[tooEarly]', 'preparation'],
      ['ADVANCE[travelDay]', 'implementation'],
      ['ADVANCE[midStay]', 'implementation'],
      ['INTERRUPT[noReason]', 'implementation'],
      ['INTERRUPT[beforeStart]', 'implementation'],
      ['INTERRUPT[valid]', 'evaluation'],
      ['REOPEN[reason,ready]', 'implementation'],
      ['ADVANCE[interrupted]', 'evaluation'],
    ] as const;
    const [path] = model.getPathsFromEvents(script.map(([label]) => ev(label)));
    expect(path.steps.slice(1).map((s) => stateOf(s.state))).toEqual(script.map(([, state]) => state));
    let sut = initialMobilitySnapshot();
    for (const [label, state] of script) {
      const result = applyEvent(sut, ev(label));
      if (result.ok) sut = result.snapshot;
      expect({ label, state: stateOf(sut) }).toEqual({ label, state });
    }
  });
});

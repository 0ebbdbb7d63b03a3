import { checklistFacts } from './facts.fixture';
import { tasksOfPhase } from '../checklist/checklist';
import { MOBILITY_STATES, MobilityState, PHASES } from '../phases';
import { MobilityFacts, UnmetCondition } from './conditions';
import {
  advanceBlockersNow,
  allowedEvents,
  applyEvent,
  initialMobilitySnapshot,
  MobilitySnapshot,
  persistSnapshot,
  restoreSnapshot,
  SNAPSHOT_MIGRATIONS,
  SnapshotVersionError,
  stateOf,
  unmetConditions,
} from './lifecycle';
import { MOBILITY_EVENT_TYPES, MOBILITY_MACHINE_VERSION, MobilityEvent, MobilityEventType } from './mobility.machine';

// ── fixtures ──────────────────────────────────────────────────────────────────────────────────

const facts = checklistFacts;

const READY = facts();
const event = (type: MobilityEventType, f: MobilityFacts = READY, reason?: string): MobilityEvent =>
  reason === undefined ? { type, facts: f } : { type, facts: f, reason };

function ok(result: ReturnType<typeof applyEvent>): MobilitySnapshot {
  if (!result.ok) throw new Error(`expected the event to apply, got ${JSON.stringify(result.unmet)}`);
  return result.snapshot;
}

/** A snapshot in `state`, reached by real events from the initial snapshot. */
function reach(state: MobilityState): MobilitySnapshot {
  let snapshot = initialMobilitySnapshot();
  if (state === 'withdrawn') return ok(applyEvent(snapshot, event('WITHDRAW', READY, 'Learner withdrew')));
  const target = state === 'completed' ? PHASES.length : PHASES.indexOf(state);
  for (let i = 0; i < target; i++) snapshot = ok(applyEvent(snapshot, event('ADVANCE')));
  expect(stateOf(snapshot)).toBe(state);
  return snapshot;
}

const codes = (unmet: readonly UnmetCondition[]) => unmet.map((u) => u.code);

function thrownBy(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`threw a non-Error: ${String(error)}`);
  }
  throw new Error('expected a throw, nothing was thrown');
}

function refused(result: ReturnType<typeof applyEvent>): UnmetCondition[] {
  if (result.ok) throw new Error(`expected the event to be refused, it moved ${result.from} → ${result.to}`);
  return result.unmet;
}

// ── unmet conditions as data ──────────────────────────────────────────────────────────────────

describe('unmet conditions', () => {
  it('lists every open mandatory task of the phase by key, title and phase, plus the missing host', () => {
    const unmet = unmetConditions(reach('application'), event('ADVANCE', facts({ host: null, status: () => 'open' })));
    const mandatory = tasksOfPhase('application').filter((t) => t.mandatory);
    expect(mandatory.length).toBeGreaterThan(0);
    expect(unmet).toEqual([
      ...mandatory.map((t) => ({
        code: 'MANDATORY_TASK_OPEN',
        taskKey: t.key,
        title: t.title,
        phase: 'application',
        message: `Mandatory task "${t.title}" (application) is still open`,
      })),
      { code: 'HOST_REQUIRED', taskKey: 'host-search', message: 'A host organisation must be assigned' },
    ]);
  });

  it('survives JSON, so the API can return it as is', () => {
    const unmet = unmetConditions(reach('preparation'), event('ADVANCE', facts({ status: () => 'open' })));
    expect(JSON.parse(JSON.stringify(unmet))).toEqual(unmet);
  });

  it('ignores open optional tasks and open tasks of other phases', () => {
    const onlyPracticeOpen = facts({ status: (t) => (t.mandatory ? 'done' : 'open') });
    for (const phase of PHASES) expect(unmetConditions(reach(phase), event('ADVANCE', onlyPracticeOpen))).toEqual([]);

    const evaluationOpen = facts({ status: (t) => (t.phase === 'evaluation' ? 'open' : 'done') });
    expect(unmetConditions(reach('implementation'), event('ADVANCE', evaluationOpen))).toEqual([]);
    expect(codes(unmetConditions(reach('evaluation'), event('ADVANCE', evaluationOpen)))).toContain(
      'MANDATORY_TASK_OPEN',
    );
  });

  it('accepts waived mandatory tasks, except the learning agreement which must be done', () => {
    const allWaived = facts({ status: () => 'waived' });
    expect(unmetConditions(reach('application'), event('ADVANCE', allWaived))).toEqual([]);
    expect(unmetConditions(reach('preparation'), event('ADVANCE', allWaived))).toEqual([
      {
        code: 'LEARNING_AGREEMENT_NOT_SIGNED',
        taskKey: 'learning-agreement',
        message: 'The learning agreement must be signed (done, not waived) before the mobility starts',
      },
    ]);
    const agreementDone = facts({ status: (t) => (t.key === 'learning-agreement' ? 'done' : 'waived') });
    expect(unmetConditions(reach('preparation'), event('ADVANCE', agreementDone))).toEqual([]);
  });

  it('reports an open learning agreement both as an open task and as unsigned', () => {
    const agreementOpen = facts({ status: (t) => (t.key === 'learning-agreement' ? 'open' : 'done') });
    expect(unmetConditions(reach('preparation'), event('ADVANCE', agreementOpen))).toEqual([
      expect.objectContaining({ code: 'MANDATORY_TASK_OPEN', taskKey: 'learning-agreement', phase: 'preparation' }),
      expect.objectContaining({ code: 'LEARNING_AGREEMENT_NOT_SIGNED' }),
    ]);
  });

  it('refuses to start the mobility without a learning agreement task at all', () => {
    const withoutAgreement: MobilityFacts = {
      ...READY,
      tasks: READY.tasks.filter((t) => t.key !== 'learning-agreement'),
    };
    expect(codes(unmetConditions(reach('preparation'), event('ADVANCE', withoutAgreement)))).toEqual([
      'LEARNING_AGREEMENT_NOT_SIGNED',
    ]);
  });

  it('needs the placement confirmed to leave preparation', () => {
    expect(
      codes(unmetConditions(reach('preparation'), event('ADVANCE', facts({ placementConfirmed: false })))),
    ).toEqual(['PLACEMENT_NOT_CONFIRMED']);
  });

  it('names the task that settles each condition, so that the dashboard can link to it', () => {
    const unmet = unmetConditions(
      reach('preparation'),
      event(
        'ADVANCE',
        facts({ placementConfirmed: false, insurance: [], status: (t) => (t.mandatory ? 'done' : 'open') }),
      ),
    );
    const agreementOpen = unmetConditions(
      reach('preparation'),
      event('ADVANCE', facts({ status: (t) => (t.key === 'learning-agreement' ? 'waived' : 'done') })),
    );
    expect([...unmet, ...agreementOpen].map((u) => [u.code, 'taskKey' in u ? u.taskKey : null])).toEqual([
      ['PLACEMENT_NOT_CONFIRMED', 'host-confirmation'],
      ['INSURANCE_MISSING', 'insurance'],
      ['LEARNING_AGREEMENT_NOT_SIGNED', 'learning-agreement'],
    ]);
    // Every task key named is one of the checklist's tasks.
    const keys = new Set(READY.tasks.map((t) => t.key));
    for (const u of [...unmet, ...agreementOpen]) if ('taskKey' in u) expect(keys.has(u.taskKey)).toBe(true);
  });

  it('says before anyone presses it what stops ADVANCE now, and nothing where it may advance or cannot', () => {
    const open = facts({ status: (t) => (t.key === 'learning-agreement' ? 'open' : 'done') });
    expect(codes(advanceBlockersNow(reach('preparation'), open))).toEqual([
      'MANDATORY_TASK_OPEN',
      'LEARNING_AGREEMENT_NOT_SIGNED',
    ]);
    expect(advanceBlockersNow(reach('preparation'), READY)).toEqual([]);
    expect(advanceBlockersNow(reach('completed'), open)).toEqual([]);
    expect(advanceBlockersNow(reach('withdrawn'), open)).toEqual([]);
  });

  it('needs a host only to leave application', () => {
    const noHost = facts({ host: null });
    expect(codes(unmetConditions(reach('application'), event('ADVANCE', noHost)))).toEqual(['HOST_REQUIRED']);
    expect(unmetConditions(reach('implementation'), event('ADVANCE', noHost))).toEqual([]);
  });

  it('checks the mandatory tasks of every phase before completing', () => {
    const firstMandatory = tasksOfPhase('application').find((t) => t.mandatory);
    if (!firstMandatory) throw new Error('fixture: application has a mandatory task');
    const oneOldTaskOpen = facts({ status: (t) => (t.key === firstMandatory.key ? 'open' : 'done') });
    expect(unmetConditions(reach('finalisation'), event('ADVANCE', oneOldTaskOpen))).toEqual([
      expect.objectContaining({
        code: 'MANDATORY_TASK_OPEN',
        taskKey: firstMandatory.key,
        title: firstMandatory.title,
        phase: 'application',
      }),
    ]);
    expect(refused(applyEvent(reach('finalisation'), event('ADVANCE', oneOldTaskOpen)))).toHaveLength(1);
  });

  it.each(['REOPEN', 'WITHDRAW'] as const)('%s needs a non-blank reason', (type) => {
    const snapshot = reach('implementation');
    for (const reason of [undefined, '', '   ', '\n\t']) {
      expect(unmetConditions(snapshot, event(type, READY, reason))).toEqual([
        { code: 'REASON_REQUIRED', message: 'A reason is required for this event' },
      ]);
    }
    expect(unmetConditions(snapshot, event(type, READY, 'Learner fell ill'))).toEqual([]);
  });
});

// ── applying events ───────────────────────────────────────────────────────────────────────────

describe('applyEvent', () => {
  it('starts in application', () => {
    const snapshot = initialMobilitySnapshot();
    expect(stateOf(snapshot)).toBe('application');
    expect(snapshot.status).toBe('active');
  });

  it('advances one phase at a time with no effects', () => {
    PHASES.forEach((phase, index) => {
      const result = applyEvent(reach(phase), event('ADVANCE'));
      expect(result).toMatchObject({ ok: true, from: phase, to: MOBILITY_STATES[index + 1], effects: [] });
    });
  });

  it('returns the unmet conditions on refusal and leaves the snapshot untouched', () => {
    const snapshot = reach('preparation');
    const blocked = event('ADVANCE', facts({ placementConfirmed: false }));
    expect(refused(applyEvent(snapshot, blocked))).toEqual(unmetConditions(snapshot, blocked));
    expect(stateOf(snapshot)).toBe('preparation');
  });

  describe('HOST_CONFIRM', () => {
    it.each(['application', 'preparation'] as const)('in %s stays in the phase and names its effects', (phase) => {
      const result = applyEvent(reach(phase), event('HOST_CONFIRM', facts({ placementConfirmed: false })));
      expect(result).toMatchObject({
        ok: true,
        from: phase,
        to: phase,
        effects: ['confirmPlacement', 'completeHostConfirmationTask'],
      });
    });

    it('is refused without a host, or when the placement is already confirmed', () => {
      expect(
        codes(
          refused(
            applyEvent(reach('preparation'), event('HOST_CONFIRM', facts({ host: null, placementConfirmed: false }))),
          ),
        ),
      ).toEqual(['HOST_REQUIRED']);
      expect(codes(refused(applyEvent(reach('preparation'), event('HOST_CONFIRM', READY))))).toEqual([
        'PLACEMENT_ALREADY_CONFIRMED',
      ]);
    });
  });

  describe('HOST_DECLINE', () => {
    it.each(['application', 'preparation'] as const)('in %s stays in the phase and names its effects', (phase) => {
      const result = applyEvent(reach(phase), event('HOST_DECLINE'));
      expect(result).toMatchObject({
        ok: true,
        from: phase,
        to: phase,
        effects: ['clearHost', 'reopenHostSearchTask'],
      });
    });

    it('is refused without a host', () => {
      expect(codes(refused(applyEvent(reach('application'), event('HOST_DECLINE', facts({ host: null })))))).toEqual([
        'HOST_REQUIRED',
      ]);
    });
  });

  it.each(['implementation', 'evaluation', 'finalisation'] as const)('refuses host events in %s', (phase) => {
    const unconfirmed = facts({ placementConfirmed: false });
    for (const type of ['HOST_CONFIRM', 'HOST_DECLINE'] as const) {
      expect(codes(refused(applyEvent(reach(phase), event(type, unconfirmed))))).toEqual(['EVENT_NOT_ALLOWED']);
    }
  });

  describe('REOPEN', () => {
    it('is impossible from application, even with a reason', () => {
      const snapshot = reach('application');
      const reopen = event('REOPEN', READY, 'Wrong learner selected');
      expect(snapshot.can(reopen)).toBe(false);
      expect(refused(applyEvent(snapshot, reopen))).toEqual([
        { code: 'EVENT_NOT_ALLOWED', message: 'REOPEN is not possible when the mobility is application' },
      ]);
      expect(allowedEvents(snapshot, READY)).not.toContain('REOPEN');
    });

    it.each(PHASES.slice(1).map((phase, i) => [phase, PHASES[i]] as const))('from %s goes back to %s', (from, to) => {
      expect(applyEvent(reach(from), event('REOPEN', READY, 'Documents incomplete'))).toMatchObject({
        ok: true,
        from,
        to,
        // Back into the stay from evaluation: a recorded interruption is undone.
        effects: from === 'evaluation' ? ['clearInterruption'] : [],
      });
      expect(codes(refused(applyEvent(reach(from), event('REOPEN', READY, ' '))))).toEqual(['REASON_REQUIRED']);
    });
  });

  it.each(PHASES)('WITHDRAW from %s ends the mobility, with a reason only', (phase) => {
    const noFacts = facts({ host: null, placementConfirmed: false, status: () => 'open' });
    expect(applyEvent(reach(phase), event('WITHDRAW', noFacts, 'Learner withdrew'))).toMatchObject({
      ok: true,
      from: phase,
      to: 'withdrawn',
      effects: [],
    });
    expect(codes(refused(applyEvent(reach(phase), event('WITHDRAW', noFacts))))).toEqual(['REASON_REQUIRED']);
  });

  it.each(['completed', 'withdrawn'] as const)('accepts nothing in the final state %s', (state) => {
    const snapshot = reach(state);
    expect(snapshot.status).toBe('done');
    expect(allowedEvents(snapshot, facts({ placementConfirmed: false }))).toEqual([]);
    for (const type of MOBILITY_EVENT_TYPES) {
      const e = event(type, facts({ placementConfirmed: false }), 'some reason');
      expect(snapshot.can(e)).toBe(false);
      expect(refused(applyEvent(snapshot, e))).toEqual([
        { code: 'EVENT_NOT_ALLOWED', message: `${type} is not possible when the mobility is ${state}` },
      ]);
    }
  });
});

describe('allowedEvents', () => {
  it('offers only WITHDRAW to a fresh application without a host', () => {
    expect(
      allowedEvents(reach('application'), facts({ host: null, placementConfirmed: false, status: () => 'open' })),
    ).toEqual(['WITHDRAW']);
  });

  it('offers what the facts allow, in the canonical order', () => {
    expect(allowedEvents(reach('application'), facts({ placementConfirmed: false }))).toEqual([
      'ADVANCE',
      'WITHDRAW',
      'HOST_CONFIRM',
      'HOST_DECLINE',
    ]);
    expect(allowedEvents(reach('preparation'), READY)).toEqual(['ADVANCE', 'REOPEN', 'WITHDRAW', 'HOST_DECLINE']);
    expect(allowedEvents(reach('evaluation'), READY)).toEqual(['ADVANCE', 'REOPEN', 'WITHDRAW']);
  });
});

// ── persistence ───────────────────────────────────────────────────────────────────────────────

describe('snapshot persistence', () => {
  it('is at machine version 2', () => {
    expect(MOBILITY_MACHINE_VERSION).toBe(2);
  });

  it.each(MOBILITY_STATES)('round-trips a snapshot in %s through JSON', (state) => {
    const original = reach(state);
    const stored = persistSnapshot(original);
    expect(stored).toEqual({ value: state, context: {} });

    const restored = restoreSnapshot(JSON.parse(JSON.stringify(stored)), MOBILITY_MACHINE_VERSION);
    expect(stateOf(restored)).toBe(state);
    expect(restored.status).toBe(original.status);
    expect(restored.context).toEqual({});
    expect(persistSnapshot(restored)).toEqual(stored);
    for (const f of [READY, facts({ placementConfirmed: false }), facts({ host: null, status: () => 'open' })]) {
      expect(allowedEvents(restored, f)).toEqual(allowedEvents(original, f));
    }
  });

  it('a restored snapshot keeps moving through the lifecycle', () => {
    const restored = restoreSnapshot(persistSnapshot(reach('evaluation')), MOBILITY_MACHINE_VERSION);
    expect(applyEvent(restored, event('ADVANCE'))).toMatchObject({ ok: true, from: 'evaluation', to: 'finalisation' });
  });

  it.each([...new Set([0, 3, Number.NaN, -1, 1.5, Number.POSITIVE_INFINITY, MOBILITY_MACHINE_VERSION + 1])])(
    'refuses a snapshot stored by machine version %p',
    (version) => {
      const error = thrownBy(() => restoreSnapshot({ value: 'application', context: {} }, version));
      expect(error).toBeInstanceOf(SnapshotVersionError);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ name: 'SnapshotVersionError', storedVersion: version });
      expect(error.message).toContain(`machine version ${version}`);
    },
  );

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a bare state name', 'application'],
    ['a number', 1],
    ['an array', ['application']],
    ['an unknown state', { value: 'draft', context: {} }],
    ['a nested state value', { value: { application: 'x' }, context: {} }],
    ['no context', { value: 'application' }],
    ['a null context', { value: 'application', context: null }],
    ['no value', { context: {} }],
    ['an xstate-internal snapshot', { status: 'active', context: {} }],
  ])('refuses a malformed stored value: %s', (_label, stored) => {
    expect(() => restoreSnapshot(stored, MOBILITY_MACHINE_VERSION)).toThrow(SnapshotVersionError);
    expect(() => restoreSnapshot(stored, MOBILITY_MACHINE_VERSION)).toThrow(/does not have the shape of this version/);
  });

  it('checks the version before the shape', () => {
    expect(() => restoreSnapshot(null, 0)).toThrow(/knows versions 1\.\.2/);
  });
});

describe('snapshot migration v1 → v2', () => {
  it.each(MOBILITY_STATES)('restores a version-1 snapshot in %s as the same state', (state) => {
    const v1 = { value: state, context: {} };
    const restored = restoreSnapshot(JSON.parse(JSON.stringify(v1)), 1);
    expect(stateOf(restored)).toBe(state);
    expect(persistSnapshot(restored)).toEqual(v1);
    expect(SNAPSHOT_MIGRATIONS[1](v1)).toEqual(v1);
  });

  it('a migrated version-1 snapshot in implementation accepts the new INTERRUPT', () => {
    const restored = restoreSnapshot({ value: 'implementation', context: {} }, 1);
    const midStay = facts({ today: '2026-06-10' });
    expect(allowedEvents(restored, midStay)).toEqual(['REOPEN', 'WITHDRAW', 'INTERRUPT']);
    expect(
      applyEvent(restored, {
        type: 'INTERRUPT',
        facts: midStay,
        reason: 'Flood',
        interruption: { actualEndDate: '2026-06-08', forceMajeure: true },
      }),
    ).toMatchObject({ ok: true, to: 'evaluation', effects: ['recordInterruption'] });
  });

  it.each([
    ['an unknown state', { value: 'interrupted', context: {} }],
    ['no context', { value: 'preparation' }],
    ['null', null],
  ])('refuses a malformed version-1 snapshot: %s', (_label, stored) => {
    expect(() => restoreSnapshot(stored, 1)).toThrow(SnapshotVersionError);
  });
});

/** Keeps the fixture honest: every phase is reachable by `reach`. */
it.each(MOBILITY_STATES)('fixture reaches %s', (state: MobilityState) => {
  expect(stateOf(reach(state))).toBe(state);
});

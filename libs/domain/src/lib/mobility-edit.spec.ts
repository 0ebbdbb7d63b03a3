import { MOBILITY_STATES, MobilityState } from './phases';
import {
  historyLineWithNames,
  idsInHistoryLine,
  MOBILITY_EDIT_FIELDS,
  mobilityEditBody,
  MobilityEditContext,
  MobilityEditCurrent,
  MobilityEditPlan,
  MobilityEditRequest,
  planMobilityEdit,
  requestedHostId,
} from './mobility-edit';

const HOST = '11111111-1111-4111-8111-111111111111';
const OTHER_HOST = '22222222-2222-4222-8222-222222222222';
const ABROAD: MobilityEditContext = { requestedHost: { country: 'ES' } };

/** A short VET learning mobility (10–89 days) in preparation, hosted in Spain, sent from Germany. */
const current: MobilityEditCurrent = Object.freeze({
  phase: 'preparation',
  activityType: 'LM-SHORT-VET',
  startDate: '2026-06-01',
  endDate: '2026-06-28',
  hostOrganisationId: HOST,
  mentorName: 'Ana Ruiz',
  mentorEmail: 'ana@host.es',
  travelDays: 2,
  greenTravel: false,
  fewerOpportunities: false,
  sendingCountry: 'DE',
});

function inPhase(phase: MobilityState, overrides: Partial<MobilityEditCurrent> = {}): MobilityEditCurrent {
  return { ...current, phase, ...overrides };
}

function plan(
  request: MobilityEditRequest,
  from: MobilityEditCurrent = current,
  context?: MobilityEditContext,
): MobilityEditPlan {
  return planMobilityEdit(from, request, context);
}

function edit(request: MobilityEditRequest, from: MobilityEditCurrent = current, context?: MobilityEditContext) {
  const result = plan(request, from, context);
  if (result.kind !== 'edit') throw new Error(`expected an edit, got ${JSON.stringify(result)}`);
  return result;
}

describe('planMobilityEdit', () => {
  describe('no change', () => {
    it('is unchanged for an empty request, or one repeating what the mobility is', () => {
      expect(plan({})).toEqual({ kind: 'unchanged' });
      expect(
        plan({
          startDate: current.startDate,
          endDate: current.endDate,
          hostOrganisationId: HOST,
          mentorName: current.mentorName,
          mentorEmail: current.mentorEmail,
          travelDays: current.travelDays,
          greenTravel: current.greenTravel,
          fewerOpportunities: current.fewerOpportunities,
        }),
      ).toEqual({ kind: 'unchanged' });
      expect(plan({ startDate: undefined, hostOrganisationId: undefined, mentorName: undefined })).toEqual({
        kind: 'unchanged',
      });
    });

    it('compares the mentor after normalising it: names trimmed, e-mails trimmed and lower-cased', () => {
      expect(plan({ mentorName: '  Ana Ruiz ', mentorEmail: ' Ana@HOST.es' })).toEqual({ kind: 'unchanged' });
    });

    it('is unchanged even on a closed mobility, and before any rule (the API answers 200 and writes nothing)', () => {
      for (const phase of ['completed', 'withdrawn'] as const) {
        expect(plan({ travelDays: 2, hostOrganisationId: HOST }, inPhase(phase))).toEqual({ kind: 'unchanged' });
      }
      // A stored mobility that breaks a rule today is not refused when the request changes nothing.
      expect(plan({ greenTravel: false }, inPhase('preparation', { travelDays: 5 }))).toEqual({ kind: 'unchanged' });
      expect(plan({}, inPhase('application', { hostOrganisationId: null }))).toEqual({ kind: 'unchanged' });
    });

    it('is unchanged without a host request when the mobility has none, mentor or not', () => {
      expect(plan({ hostOrganisationId: null }, inPhase('application', { hostOrganisationId: null }))).toEqual({
        kind: 'unchanged',
      });
    });
  });

  describe('malformed input (what a half-filled form may hold; the API refuses it with 400 first)', () => {
    it('names a date that is not a calendar date, before anything else', () => {
      expect(plan({ startDate: '2026-02-30', endDate: '' }, inPhase('completed'))).toEqual({
        kind: 'invalid',
        violations: [
          expect.objectContaining({ field: 'startDate', rule: 'calendar date' }),
          expect.objectContaining({ field: 'endDate', rule: 'calendar date' }),
        ],
      });
    });

    it('names travel days that are not a whole number of 0 or more', () => {
      for (const travelDays of [-1, 1.5, Number.NaN]) {
        expect(plan({ travelDays })).toEqual({
          kind: 'invalid',
          violations: [expect.objectContaining({ field: 'travelDays', rule: 'whole days' })],
        });
      }
    });
  });

  describe('a closed mobility', () => {
    it.each(['completed', 'withdrawn'] as const)('refuses any change once %s (409 mobility-closed)', (phase) => {
      expect(plan({ travelDays: 1 }, inPhase(phase))).toEqual({
        kind: 'refused',
        code: 'mobility-closed',
        title: 'Mobility closed',
        message: `The mobility is ${phase} and can no longer change.`,
        violations: [],
      });
    });

    it('says closed rather than host-fixed, unknown host or a broken rule', () => {
      const closed = inPhase('withdrawn');
      expect(plan({ hostOrganisationId: OTHER_HOST, endDate: '2026-05-01' }, closed)).toMatchObject({
        kind: 'refused',
        code: 'mobility-closed',
      });
      expect(plan({ mentorEmail: 'someone@host.es', hostOrganisationId: null }, closed)).toMatchObject({
        code: 'mobility-closed',
      });
    });
  });

  describe('the host', () => {
    it.each(['implementation', 'evaluation', 'finalisation'] as const)(
      'is fixed in %s: a new host or none is refused with a field error (409 host-fixed)',
      (phase) => {
        const expected = {
          kind: 'refused',
          code: 'host-fixed',
          title: 'Host can no longer change',
          message: `The host can change during application and preparation only; the mobility is in ${phase}.`,
          violations: [
            {
              field: 'hostOrganisationId',
              rule: 'changeable before implementation',
              message: 'the host is fixed once the mobility is under way',
            },
          ],
        };
        expect(plan({ hostOrganisationId: OTHER_HOST }, inPhase(phase), ABROAD)).toEqual(expected);
        expect(plan({ hostOrganisationId: null }, inPhase(phase))).toEqual(expected);
        // Host-fixed comes before the unknown host and the rules.
        expect(plan({ hostOrganisationId: OTHER_HOST, travelDays: 6 }, inPhase(phase))).toEqual(expected);
      },
    );

    it('stays editable otherwise once under way: dates, travel and the mentor of the same host', () => {
      const underWay = inPhase('implementation');
      expect(edit({ endDate: '2026-06-30', hostOrganisationId: HOST }, underWay).changes).toEqual({
        endDate: '2026-06-30',
      });
      expect(edit({ mentorName: 'Luis Gil' }, underWay).changes).toEqual({ mentorName: 'Luis Gil' });
    });

    it.each(['application', 'preparation'] as const)('can change in %s', (phase) => {
      expect(plan({ hostOrganisationId: OTHER_HOST }, inPhase(phase), ABROAD)).toMatchObject({ kind: 'edit' });
      expect(plan({ hostOrganisationId: null }, inPhase(phase))).toMatchObject({ kind: 'edit' });
    });

    it('must be one of the school’s organisations (404 not-found, before the rules)', () => {
      const notFound = {
        kind: 'refused',
        code: 'not-found',
        title: 'Not found',
        message: `Organisation ${OTHER_HOST} does not exist`,
        violations: [
          { field: 'hostOrganisationId', rule: 'exists', message: `Organisation ${OTHER_HOST} does not exist` },
        ],
      };
      expect(plan({ hostOrganisationId: OTHER_HOST }, current, { requestedHost: null })).toEqual(notFound);
      expect(plan({ hostOrganisationId: OTHER_HOST })).toEqual(notFound);
      expect(plan({ hostOrganisationId: OTHER_HOST, endDate: '2026-05-01', travelDays: 6 })).toEqual(notFound);
    });

    it('is only looked up when the request names another host', () => {
      expect(requestedHostId(current, {})).toBeNull();
      expect(requestedHostId(current, { hostOrganisationId: HOST })).toBeNull();
      expect(requestedHostId(current, { hostOrganisationId: null })).toBeNull();
      expect(requestedHostId(current, { hostOrganisationId: OTHER_HOST })).toBe(OTHER_HOST);
      expect(requestedHostId({ hostOrganisationId: null }, { hostOrganisationId: HOST })).toBe(HOST);
      // The context is not consulted without a new host: the current host is not re-checked.
      expect(edit({ travelDays: 1 }, current, { requestedHost: null }).changes).toEqual({ travelDays: 1 });
    });

    it('must be abroad, whatever the letter case of the country', () => {
      for (const country of ['DE', 'de']) {
        expect(plan({ hostOrganisationId: OTHER_HOST }, current, { requestedHost: { country } })).toEqual({
          kind: 'invalid',
          violations: [expect.objectContaining({ field: 'hostOrganisationId', rule: 'host abroad' })],
        });
      }
    });

    it('when new: resets the placement confirmation and its task, clears the mentor, asks the new host', () => {
      expect(edit({ hostOrganisationId: OTHER_HOST }, current, ABROAD)).toEqual({
        kind: 'edit',
        changes: { hostOrganisationId: OTHER_HOST, placementConfirmedAt: null, mentorName: null, mentorEmail: null },
        effects: ['reopenHostConfirmation', 'requestPlacement'],
        history: `host ${HOST} → ${OTHER_HOST}`,
      });
    });

    it('when new, keeps the mentor the request names (and clears the part it does not name)', () => {
      expect(
        edit(
          { hostOrganisationId: OTHER_HOST, mentorName: ' Luis Gil ', mentorEmail: 'Luis@Other.ES' },
          current,
          ABROAD,
        ).changes,
      ).toEqual({
        hostOrganisationId: OTHER_HOST,
        placementConfirmedAt: null,
        mentorName: 'Luis Gil',
        mentorEmail: 'luis@other.es',
      });
      expect(edit({ hostOrganisationId: OTHER_HOST, mentorName: 'Ana Ruiz' }, current, ABROAD).changes).toEqual({
        hostOrganisationId: OTHER_HOST,
        placementConfirmedAt: null,
        mentorEmail: null,
      });
    });

    it('when the first one: no mentor to clear, the host is asked', () => {
      const hostless = inPhase('application', { hostOrganisationId: null, mentorName: null, mentorEmail: null });
      expect(edit({ hostOrganisationId: HOST }, hostless, ABROAD)).toEqual({
        kind: 'edit',
        changes: { hostOrganisationId: HOST, placementConfirmedAt: null },
        effects: ['reopenHostConfirmation', 'requestPlacement'],
        history: `host none → ${HOST}`,
      });
    });

    it('when removed: the mentor goes too, the host search and confirmation open again, nobody is asked', () => {
      expect(edit({ hostOrganisationId: null })).toEqual({
        kind: 'edit',
        changes: { hostOrganisationId: null, placementConfirmedAt: null, mentorName: null, mentorEmail: null },
        effects: ['reopenHostConfirmation', 'reopenHostSearch'],
        history: `host ${HOST} → none`,
      });
    });
  });

  describe('dates', () => {
    it('must suit the activity type when they change: end not before start, a duration in its limits', () => {
      expect(plan({ endDate: '2026-05-31' })).toEqual({
        kind: 'invalid',
        violations: [
          { field: 'endDate', rule: 'endDate >= startDate', message: 'endDate must not be before startDate' },
        ],
      });
      expect(plan({ endDate: '2026-06-09' })).toEqual({
        kind: 'invalid',
        violations: [expect.objectContaining({ field: 'endDate', rule: 'duration 10-89 days for LM-SHORT-VET' })],
      });
      expect(plan({ endDate: '2026-06-05' }, inPhase('preparation', { activityType: 'LM-SKILL-VET' }))).toMatchObject({
        kind: 'edit',
      });
    });

    it('are not re-checked when they do not change', () => {
      const tooLong = inPhase('preparation', { endDate: '2026-12-31' });
      expect(edit({ travelDays: 1 }, tooLong).changes).toEqual({ travelDays: 1 });
    });

    it('when moved: only the changed columns, the tasks re-dated, a history entry from → to', () => {
      expect(edit({ startDate: '2026-06-08', endDate: '2026-07-05' })).toEqual({
        kind: 'edit',
        changes: { startDate: '2026-06-08', endDate: '2026-07-05' },
        effects: ['redateTasks'],
        history: 'dates 2026-06-01–2026-06-28 → 2026-06-08–2026-07-05',
      });
      expect(edit({ endDate: '2026-06-30', startDate: current.startDate })).toEqual({
        kind: 'edit',
        changes: { endDate: '2026-06-30' },
        effects: ['redateTasks'],
        history: 'dates 2026-06-01–2026-06-28 → 2026-06-01–2026-06-30',
      });
    });

    it('with a new host: both in one history entry and every effect, in the order they are carried out', () => {
      expect(edit({ startDate: '2026-06-02', hostOrganisationId: null })).toEqual({
        kind: 'edit',
        changes: {
          startDate: '2026-06-02',
          hostOrganisationId: null,
          placementConfirmedAt: null,
          mentorName: null,
          mentorEmail: null,
        },
        effects: ['redateTasks', 'reopenHostConfirmation', 'reopenHostSearch'],
        history: `dates 2026-06-01–2026-06-28 → 2026-06-02–2026-06-28; host ${HOST} → none`,
      });
    });
  });

  describe('travel', () => {
    it('allows 2 funded travel days, or 6 with green travel', () => {
      expect(edit({ travelDays: 6, greenTravel: true }).changes).toEqual({ travelDays: 6, greenTravel: true });
      expect(plan({ travelDays: 3 })).toEqual({
        kind: 'invalid',
        violations: [expect.objectContaining({ field: 'travelDays' })],
      });
    });

    it('is checked on every edit, so giving up green travel with 5 days is refused on travelDays', () => {
      const green = inPhase('preparation', { travelDays: 5, greenTravel: true });
      expect(plan({ greenTravel: false }, green)).toEqual({
        kind: 'invalid',
        violations: [
          expect.objectContaining({ field: 'travelDays', rule: 'at most 2 travel days without green travel' }),
        ],
      });
    });

    it('when it changes alone: no effect and no history entry', () => {
      expect(edit({ travelDays: 0 })).toEqual({ kind: 'edit', changes: { travelDays: 0 }, effects: [], history: null });
    });
  });

  describe('the fewer-opportunities flag', () => {
    it('is set or cleared with a history entry (who and when, never why), no effect', () => {
      expect(edit({ fewerOpportunities: true })).toEqual({
        kind: 'edit',
        changes: { fewerOpportunities: true },
        effects: [],
        history: 'fewer opportunities: no → yes',
      });
      expect(edit({ fewerOpportunities: false }, inPhase('preparation', { fewerOpportunities: true }))).toEqual({
        kind: 'edit',
        changes: { fewerOpportunities: false },
        effects: [],
        history: 'fewer opportunities: yes → no',
      });
    });

    it('repeated as it is, changes nothing', () => {
      expect(plan({ fewerOpportunities: false })).toEqual({ kind: 'unchanged' });
      expect(plan({ fewerOpportunities: true }, inPhase('withdrawn', { fewerOpportunities: true }))).toEqual({
        kind: 'unchanged',
      });
    });

    it.each(['application', 'implementation', 'evaluation', 'finalisation'] as const)(
      'can change in %s (the BM holds it until the final report)',
      (phase) => {
        expect(edit({ fewerOpportunities: true }, inPhase(phase)).changes).toEqual({ fewerOpportunities: true });
      },
    );

    it.each(['completed', 'withdrawn'] as const)('is fixed once %s (409 mobility-closed)', (phase) => {
      expect(plan({ fewerOpportunities: true }, inPhase(phase))).toMatchObject({
        kind: 'refused',
        code: 'mobility-closed',
      });
    });

    it('joins the dates and host in one history entry', () => {
      expect(edit({ endDate: '2026-06-30', hostOrganisationId: null, fewerOpportunities: true }).history).toBe(
        `dates 2026-06-01–2026-06-28 → 2026-06-01–2026-06-30; host ${HOST} → none; fewer opportunities: no → yes`,
      );
    });

    it('is not waved through a broken rule', () => {
      expect(plan({ fewerOpportunities: true, travelDays: 3 })).toEqual({
        kind: 'invalid',
        violations: [expect.objectContaining({ field: 'travelDays' })],
      });
    });
  });

  it('reports the broken rules together: dates, travel, host abroad', () => {
    const result = plan({ endDate: '2026-05-01', travelDays: 4, hostOrganisationId: OTHER_HOST }, current, {
      requestedHost: { country: 'de' },
    });
    expect(result.kind === 'invalid' && result.violations.map((v) => v.field)).toEqual([
      'endDate',
      'travelDays',
      'hostOrganisationId',
    ]);
  });

  describe('the mentor', () => {
    const hostless = inPhase('application', { hostOrganisationId: null, mentorName: null, mentorEmail: null });

    it('changes alone, normalised: name trimmed, e-mail trimmed and lower-cased; no effect, no history', () => {
      expect(edit({ mentorName: '  Luis Gil ', mentorEmail: ' Luis.Gil@Host.ES ' })).toEqual({
        kind: 'edit',
        changes: { mentorName: 'Luis Gil', mentorEmail: 'luis.gil@host.es' },
        effects: [],
        history: null,
      });
      expect(edit({ mentorEmail: 'ANA@host.es', mentorName: 'Ana Ruiz Ortega' }).changes).toEqual({
        mentorName: 'Ana Ruiz Ortega',
      });
    });

    it('is removed with null, one part or both', () => {
      expect(edit({ mentorEmail: null }).changes).toEqual({ mentorEmail: null });
      expect(edit({ mentorName: null, mentorEmail: null }).changes).toEqual({ mentorName: null, mentorEmail: null });
    });

    it('needs a host: naming mentorEmail when an e-mail is given, mentorName otherwise (422)', () => {
      const needsHost = (field: string) => ({
        kind: 'invalid',
        violations: [
          { field, rule: 'needs a host', message: 'a mentor belongs to a host organisation: assign the host first' },
        ],
      });
      expect(plan({ mentorEmail: 'luis@host.es' }, hostless)).toEqual(needsHost('mentorEmail'));
      expect(plan({ mentorName: 'Luis Gil', mentorEmail: 'luis@host.es' }, hostless)).toEqual(needsHost('mentorEmail'));
      expect(plan({ mentorName: 'Luis Gil' }, hostless)).toEqual(needsHost('mentorName'));
      // Removing the host while naming a mentor.
      expect(plan({ hostOrganisationId: null, mentorName: 'Ana Ruiz' })).toEqual(needsHost('mentorName'));
    });

    it('without a host is reported only when no other rule is broken', () => {
      expect(plan({ mentorEmail: 'luis@host.es', endDate: '2026-05-01' }, hostless)).toEqual({
        kind: 'invalid',
        violations: [expect.objectContaining({ field: 'endDate' })],
      });
    });

    it('of the same host is kept when the host is re-sent unchanged', () => {
      expect(edit({ hostOrganisationId: HOST, travelDays: 1 }).changes).toEqual({ travelDays: 1 });
    });
  });

  it('names only fields of the request, so a form can show every violation by its control', () => {
    const requests: MobilityEditRequest[] = [
      { startDate: 'x' },
      { endDate: '2026-05-01' },
      { travelDays: 3 },
      { mentorName: 'A' },
      { hostOrganisationId: OTHER_HOST },
    ];
    const hostless = inPhase('application', { hostOrganisationId: null, mentorName: null, mentorEmail: null });
    for (const request of requests) {
      for (const context of [{ requestedHost: { country: 'DE' } }, { requestedHost: null }]) {
        const result = plan(request, hostless, context);
        const violations = result.kind === 'invalid' || result.kind === 'refused' ? result.violations : [];
        for (const v of violations) expect(MOBILITY_EDIT_FIELDS).toContain(v.field);
      }
    }
  });

  it('leaves its arguments alone', () => {
    const request = Object.freeze({ hostOrganisationId: OTHER_HOST, mentorName: ' X ' });
    const context = Object.freeze({ requestedHost: Object.freeze({ country: 'ES' }) });
    expect(() => planMobilityEdit(current, request, context)).not.toThrow();
    expect(request).toEqual({ hostOrganisationId: OTHER_HOST, mentorName: ' X ' });
  });
});

describe('mobilityEditBody', () => {
  it('asks for the changed fields only', () => {
    expect(
      mobilityEditBody(current, edit({ endDate: '2026-06-30', startDate: current.startDate, travelDays: 2 }).changes),
    ).toEqual({ endDate: '2026-06-30' });
    expect(mobilityEditBody(current, edit({ mentorName: 'Luis', mentorEmail: 'ana@host.es' }).changes)).toEqual({
      mentorName: 'Luis',
    });
    expect(mobilityEditBody(current, edit({ mentorEmail: null }).changes)).toEqual({ mentorEmail: null });
    expect(mobilityEditBody(current, edit({ fewerOpportunities: true, greenTravel: false }).changes)).toEqual({
      fewerOpportunities: true,
    });
  });

  it('with a new host, sends the mentor it keeps, even unchanged', () => {
    expect(
      mobilityEditBody(
        current,
        edit({ hostOrganisationId: OTHER_HOST, mentorEmail: 'ana@host.es' }, current, ABROAD).changes,
      ),
    ).toEqual({ hostOrganisationId: OTHER_HOST, mentorEmail: 'ana@host.es' });
  });

  it('leaves out the mentor a new host clears anyway, and sends the one the request names', () => {
    expect(mobilityEditBody(current, edit({ hostOrganisationId: OTHER_HOST }, current, ABROAD).changes)).toEqual({
      hostOrganisationId: OTHER_HOST,
    });
    expect(mobilityEditBody(current, edit({ hostOrganisationId: null, mentorName: null }).changes)).toEqual({
      hostOrganisationId: null,
    });
    expect(
      mobilityEditBody(
        current,
        edit({ hostOrganisationId: OTHER_HOST, mentorEmail: 'Luis@Other.es' }, current, ABROAD).changes,
      ),
    ).toEqual({ hostOrganisationId: OTHER_HOST, mentorEmail: 'luis@other.es' });
  });

  it('plans, when sent, exactly the edit it was built from', () => {
    const hostless = inPhase('application', { hostOrganisationId: null, mentorName: null, mentorEmail: null });
    const requests: MobilityEditRequest[] = [];
    for (const hostOrganisationId of [undefined, null, HOST, OTHER_HOST]) {
      for (const mentorName of [undefined, null, 'Ana Ruiz', ' Luis ']) {
        for (const mentorEmail of [undefined, null, 'ana@host.es', 'Luis@Host.es']) {
          for (const endDate of [undefined, '2026-06-28', '2026-06-30']) {
            for (const fewerOpportunities of [undefined, true]) {
              requests.push({
                hostOrganisationId,
                mentorName,
                mentorEmail,
                endDate,
                travelDays: 1,
                fewerOpportunities,
              });
            }
          }
        }
      }
    }
    let edits = 0;
    for (const from of [current, hostless]) {
      for (const request of requests) {
        const planned = plan(request, from, ABROAD);
        if (planned.kind !== 'edit') continue;
        edits++;
        expect(plan(mobilityEditBody(from, planned.changes), from, ABROAD)).toEqual(planned);
      }
    }
    expect(edits).toBeGreaterThan(100);
  });

  it('is empty for no changes', () => {
    expect(mobilityEditBody(current, {})).toEqual({});
  });
});

it('covers every state: only application and preparation let the host change, final states nothing', () => {
  const outcome = Object.fromEntries(
    MOBILITY_STATES.map((phase) => [phase, plan({ hostOrganisationId: null }, inPhase(phase)).kind]),
  );
  expect(outcome).toEqual({
    application: 'edit',
    preparation: 'edit',
    implementation: 'refused',
    evaluation: 'refused',
    finalisation: 'refused',
    completed: 'refused',
    withdrawn: 'refused',
  });
});

describe('history lines as people read them', () => {
  const a = '8f42cfea-1111-4222-8333-444455556666';
  const b = '0a42cfea-1111-4222-8333-444455556666';
  const names = new Map([[a, 'Talleres Mecánicos Castilla S.L.']]);

  it('names the organisations instead of their ids, and says "not assigned" for none', () => {
    expect(historyLineWithNames(`dates 2027-01-10–2027-02-10 → 2027-01-12–2027-02-10; host none → ${a}`, names)).toBe(
      'dates 2027-01-10–2027-02-10 → 2027-01-12–2027-02-10; host not assigned → Talleres Mecánicos Castilla S.L.',
    );
    expect(historyLineWithNames(`host ${a.toUpperCase()} → none`, names)).toBe(
      'host Talleres Mecánicos Castilla S.L. → not assigned',
    );
  });

  it('never shows an id it cannot name', () => {
    expect(historyLineWithNames(`host ${a} → ${b}`, names)).toBe(
      'host Talleres Mecánicos Castilla S.L. → an organisation no longer listed',
    );
    expect(historyLineWithNames('checklist v1 → v2: 3 added', names)).toBe('checklist v1 → v2: 3 added');
  });

  it('lists the ids a line names, once each', () => {
    expect(idsInHistoryLine(`host ${a} → ${b}; ${a.toUpperCase()}`)).toEqual([a, b]);
    expect(idsInHistoryLine('fewer opportunities: no → yes')).toEqual([]);
  });
});

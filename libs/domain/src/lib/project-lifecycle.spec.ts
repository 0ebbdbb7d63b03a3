import {
  applyProjectEvent,
  callYearViolations,
  countsTowardsKa122Cap,
  interimReportViolations,
  ka122FrequencyWarnings,
  nextProjectDeadline,
  planProjectTasks,
  possibleProjectEvents,
  PROJECT_TASK_KEYS,
  ProjectLifecycleFacts,
  projectReminderRule,
  projectStatus,
  projectTaskSetByEvent,
  reportingStartsOn,
} from './project-lifecycle';
import { validateProject } from './projects';
import { planReminders } from './reminders/reminder-rules';

const project: ProjectLifecycleFacts = {
  startDate: '2026-09-01',
  endDate: '2027-08-31',
  reportSubmittedOn: null,
  closedOn: null,
};

describe('projectStatus', () => {
  it('is running up to and including the end date, reporting from the day after', () => {
    expect(projectStatus(project, '2026-08-31')).toBe('running');
    expect(projectStatus(project, '2027-08-30')).toBe('running');
    expect(projectStatus(project, '2027-08-31')).toBe('running');
    expect(projectStatus(project, '2027-09-01')).toBe('reporting');
    expect(reportingStartsOn(project)).toBe('2027-09-01');
  });

  it('is submitted once recorded, and closed once the NA decided, whatever the date', () => {
    expect(projectStatus({ ...project, reportSubmittedOn: '2027-10-10' }, '2030-01-01')).toBe('submitted');
    expect(projectStatus({ ...project, reportSubmittedOn: '2027-10-10', closedOn: '2027-12-01' }, '2027-12-01')).toBe(
      'closed',
    );
  });
});

describe('applyProjectEvent', () => {
  it('refuses a submission while the project runs, on its last day included', () => {
    const result = applyProjectEvent(project, { type: 'SUBMIT_FINAL_REPORT', on: '2027-08-31' }, '2027-08-31');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.from).toBe('running');
      expect(result.violations[0]).toMatchObject({ field: 'type', rule: 'from reporting' });
      expect(result.violations[0].message).toContain('2027-09-01');
    }
  });

  it('records the submission from the day after the end date, and settles the final report task', () => {
    const result = applyProjectEvent(project, { type: 'SUBMIT_FINAL_REPORT', on: '2027-09-01' }, '2027-09-01');
    expect(result).toEqual({
      ok: true,
      from: 'reporting',
      to: 'submitted',
      changes: { reportSubmittedOn: '2027-09-01' },
      taskStatus: { key: PROJECT_TASK_KEYS.finalReport, status: 'done' },
    });
  });

  it('takes today when no date is given, and refuses a date in the future or on/before the end date', () => {
    const today = '2027-10-05';
    expect(applyProjectEvent(project, { type: 'SUBMIT_FINAL_REPORT' }, today)).toMatchObject({
      ok: true,
      changes: { reportSubmittedOn: today },
    });
    expect(applyProjectEvent(project, { type: 'SUBMIT_FINAL_REPORT', on: '2027-10-06' }, today)).toMatchObject({
      ok: false,
      violations: [{ field: 'on', rule: 'not in the future' }],
    });
    expect(applyProjectEvent(project, { type: 'SUBMIT_FINAL_REPORT', on: '2027-08-31' }, today)).toMatchObject({
      ok: false,
      violations: [{ field: 'on', rule: 'after the end date' }],
    });
  });

  it('refuses a second submission', () => {
    const submitted = { ...project, reportSubmittedOn: '2027-10-01' };
    expect(applyProjectEvent(submitted, { type: 'SUBMIT_FINAL_REPORT' }, '2027-10-02')).toMatchObject({
      ok: false,
      from: 'submitted',
    });
  });

  it('closes a submitted project on the submission day or later, never before it or from reporting', () => {
    const submitted = { ...project, reportSubmittedOn: '2027-10-01' };
    expect(applyProjectEvent(submitted, { type: 'CLOSE', on: '2027-10-01' }, '2027-12-01')).toMatchObject({
      ok: true,
      to: 'closed',
      changes: { closedOn: '2027-10-01' },
    });
    expect(applyProjectEvent(submitted, { type: 'CLOSE', on: '2027-09-30' }, '2027-12-01')).toMatchObject({
      ok: false,
      violations: [{ field: 'on', rule: 'not before the submission' }],
    });
    expect(applyProjectEvent(project, { type: 'CLOSE' }, '2027-12-01')).toMatchObject({ ok: false, from: 'reporting' });
  });

  it('reopens a submitted report back to reporting and reopens its task; a closed project stays closed', () => {
    const submitted = { ...project, reportSubmittedOn: '2027-10-01' };
    expect(applyProjectEvent(submitted, { type: 'REOPEN_REPORT' }, '2027-10-20')).toEqual({
      ok: true,
      from: 'submitted',
      to: 'reporting',
      changes: { reportSubmittedOn: null },
      taskStatus: { key: PROJECT_TASK_KEYS.finalReport, status: 'open' },
    });
    const closed = { ...submitted, closedOn: '2027-11-01' };
    expect(possibleProjectEvents(closed, '2027-11-02')).toEqual([]);
  });

  it('offers the events the status allows', () => {
    expect(possibleProjectEvents(project, '2027-08-31')).toEqual([]);
    expect(possibleProjectEvents(project, '2027-09-01')).toEqual(['SUBMIT_FINAL_REPORT']);
    expect(possibleProjectEvents({ ...project, reportSubmittedOn: '2027-10-01' }, '2027-10-02')).toEqual([
      'CLOSE',
      'REOPEN_REPORT',
    ]);
  });
});

describe('planProjectTasks', () => {
  it('dates the finalisation deadlines from the end date: +30, +45 and the final report at +60 by default', () => {
    const tasks = planProjectTasks({ action: 'KA122-VET', endDate: '2027-08-31', interimReportDueDate: null });
    expect(tasks.map((t) => [t.key, t.dueDate])).toEqual([
      [PROJECT_TASK_KEYS.bmComplete, '2027-09-30'],
      [PROJECT_TASK_KEYS.bmOrganisations, '2027-09-30'],
      [PROJECT_TASK_KEYS.participantReports, '2027-10-15'],
      [PROJECT_TASK_KEYS.evidenceFile, '2027-10-15'],
      [PROJECT_TASK_KEYS.finalReport, '2027-10-30'],
    ]);
    expect(tasks.every((t) => t.mandatory)).toBe(true);
    expect(tasks.map((t) => t.position)).toEqual([0, 1, 2, 3, 4]);
  });

  it('takes the final report period from configuration, pulling earlier deadlines in when it is shorter', () => {
    const ninety = planProjectTasks(
      { action: 'KA122-VET', endDate: '2027-08-31', interimReportDueDate: null },
      { finalReportDays: 90 },
    );
    expect(ninety.find((t) => t.key === PROJECT_TASK_KEYS.finalReport)?.dueDate).toBe('2027-11-29');
    expect(ninety.find((t) => t.key === PROJECT_TASK_KEYS.bmComplete)?.dueDate).toBe('2027-09-30');
    const forty = planProjectTasks(
      { action: 'KA122-VET', endDate: '2027-08-31', interimReportDueDate: null },
      { finalReportDays: 40 },
    );
    expect(forty.find((t) => t.key === PROJECT_TASK_KEYS.participantReports)?.dueDate).toBe('2027-10-10');
    expect(forty.find((t) => t.key === PROJECT_TASK_KEYS.finalReport)?.dueDate).toBe('2027-10-10');
  });

  it('adds the interim report only for an accredited project with a date set', () => {
    const facts = { action: 'KA121-VET' as const, endDate: '2027-08-31' };
    expect(planProjectTasks({ ...facts, interimReportDueDate: null }).map((t) => t.key)).not.toContain(
      PROJECT_TASK_KEYS.interimReport,
    );
    const withInterim = planProjectTasks({ ...facts, interimReportDueDate: '2027-03-15' });
    expect(withInterim[0]).toMatchObject({ key: PROJECT_TASK_KEYS.interimReport, dueDate: '2027-03-15' });
    expect(
      planProjectTasks({ action: 'KA122-VET', endDate: '2027-08-31', interimReportDueDate: '2027-03-15' }).map(
        (t) => t.key,
      ),
    ).not.toContain(PROJECT_TASK_KEYS.interimReport);
  });

  it('accepts an interim date inside an accredited project only', () => {
    const ka121 = { action: 'KA121-VET' as const, startDate: '2026-09-01', endDate: '2027-08-31' };
    expect(interimReportViolations(ka121, null)).toEqual([]);
    expect(interimReportViolations(ka121, '2027-08-31')).toEqual([]);
    expect(interimReportViolations(ka121, '2027-09-01')[0]).toMatchObject({ field: 'interimReportDueDate' });
    expect(interimReportViolations(ka121, '2026-09-01')[0]).toMatchObject({ field: 'interimReportDueDate' });
    expect(interimReportViolations({ ...ka121, action: 'KA122-VET' }, '2027-03-01')[0]).toMatchObject({
      rule: 'accredited projects only',
    });
  });

  it('names the final report task as set by the recorded submission only', () => {
    expect(projectTaskSetByEvent(PROJECT_TASK_KEYS.finalReport)).toBe(true);
    expect(projectTaskSetByEvent(PROJECT_TASK_KEYS.evidenceFile)).toBe(false);
  });

  it('finds the next deadline among open tasks', () => {
    const next = nextProjectDeadline([
      { key: 'a', dueDate: '2027-09-30', status: 'done' },
      { key: 'b', dueDate: '2027-10-15', status: 'open' },
      { key: 'c', dueDate: '2027-10-01', status: 'waived' },
      { key: 'd', dueDate: '2027-10-30', status: 'open' },
    ]);
    expect(next?.key).toBe('b');
    expect(nextProjectDeadline([{ dueDate: '2027-10-15', status: 'done' }])).toBeNull();
  });

  it('reminds of the final report a month and a week ahead, on the day, then overdue', () => {
    const occasions = planReminders(
      { dueDate: '2027-10-30', status: 'open' },
      projectReminderRule(PROJECT_TASK_KEYS.finalReport),
    );
    expect(occasions.slice(0, 4)).toEqual([
      { kind: 'due-soon', date: '2027-09-30' },
      { kind: 'due-soon', date: '2027-10-23' },
      { kind: 'due-today', date: '2027-10-30' },
      { kind: 'overdue', date: '2027-11-02' },
    ]);
  });
});

describe('programme limits', () => {
  it('takes call years 2021 to 2027 and names callYear otherwise', () => {
    expect(callYearViolations(2021)).toEqual([]);
    expect(callYearViolations(2027)).toEqual([]);
    expect(callYearViolations(2020)[0]).toMatchObject({ field: 'callYear' });
    expect(callYearViolations(2028)[0]).toMatchObject({ field: 'callYear', rule: 'within the programme 2021-2027' });
  });

  it('validateProject refuses a call year outside the programme', () => {
    const violations = validateProject({
      reference: '2028-1-DE02-KA122-VET-000123456',
      action: 'KA122-VET',
      callYear: 2028,
      startDate: '2028-09-01',
      endDate: '2029-08-31',
    });
    expect(violations.map((v) => v.field)).toEqual(['callYear']);
  });

  const others = (...years: number[]) => years.map((y, i) => ({ reference: `ref-${y}-${i}`, callYear: y }));

  it('warns about a fourth KA122 grant within 5 consecutive call years, not a third', () => {
    expect(ka122FrequencyWarnings({ action: 'KA122-VET', callYear: 2025 }, others(2021, 2023))).toEqual([]);
    const [warning] = ka122FrequencyWarnings({ action: 'KA122-VET', callYear: 2025 }, others(2021, 2022, 2023));
    expect(warning).toMatchObject({ code: 'ka122-frequency', field: 'callYear' });
    expect(warning.message).toContain('2021–2025');
    expect(warning.message).toContain('number 4');
  });

  it('looks at every window that holds the call year, at the 5-year boundary', () => {
    // With 2026: 2021 lies outside every 5-year window that holds 2026 (the earliest is 2022–2026).
    expect(ka122FrequencyWarnings({ action: 'KA122-VET', callYear: 2026 }, others(2021, 2022, 2026))).toEqual([]);
    const [edge] = ka122FrequencyWarnings({ action: 'KA122-VET', callYear: 2026 }, others(2022, 2023, 2026));
    expect(edge.message).toContain('2022–2026');
    expect(ka122FrequencyWarnings({ action: 'KA122-VET', callYear: 2026 }, others(2021, 2022, 2027))).toEqual([]);
    // A window after the project: 2023 with 2025, 2026, 2027 → 2023–2027 holds four.
    const [later] = ka122FrequencyWarnings({ action: 'KA122-VET', callYear: 2023 }, others(2025, 2026, 2027));
    expect(later.message).toContain('2023–2027');
  });

  it('never warns about accredited projects', () => {
    expect(ka122FrequencyWarnings({ action: 'KA121-VET', callYear: 2025 }, others(2021, 2022, 2023, 2024))).toEqual([]);
  });

  it('leaves preparatory visits out of the KA122 participant cap', () => {
    expect(countsTowardsKa122Cap('LM-SHORT-VET')).toBe(true);
    expect(countsTowardsKa122Cap('SM-JOB-SHDW')).toBe(true);
    expect(countsTowardsKa122Cap('PREP-VISIT')).toBe(false);
  });
});

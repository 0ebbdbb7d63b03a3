import {
  addDays,
  ActivityTypeCode,
  checklistTemplate,
  PHASES,
  Phase,
  MobilityState,
  planChecklist,
} from '@mobility-hub/domain';
import type { Identity } from '../../common/identity';
import { ReminderService } from '../../modules/notification/reminder.service';
import { INestApplicationContext } from '@nestjs/common';
import { DemoAccount, seedDemoCoordinator, seedDemoPeople } from './demo-accounts.seed';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { CreateOrganisationDto } from '../../modules/organisation/dto/organisation.dto';
import { OrganisationService } from '../../modules/organisation/organisation.service';
import { ProjectService } from '../../modules/project/project.service';
import { ProjectTasksService } from '../../modules/project/project-tasks.service';
import { LifecycleService } from '../../modules/mobility/lifecycle.service';
import { MobilityService } from '../../modules/mobility/mobility.service';
import { AccompanyingService } from '../../modules/mobility/guardian/accompanying.service';
import { MobilityRecordsService } from '../../modules/mobility/mobility-records.service';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

const ACTOR = 'demo-seed';

interface DemoMobility {
  firstName: string;
  lastName: string;
  host: 'ES' | 'IT' | 'NL' | 'IE' | null;
  activityType: ActivityTypeCode;
  /** T0 relative to today, and duration in days (first and last day counted). */
  startIn: number;
  days: number;
  target: MobilityState;
  /** Leave the current phase's past-due tasks open, so the board shows overdue work. */
  overdue?: boolean;
  withdrawReason?: string;
  /** The BM's "participant with fewer opportunities" flag (set on creation, as the school would). */
  fewerOpportunities?: boolean;
}

const MOBILITIES: DemoMobility[] = [
  {
    firstName: 'Lena',
    lastName: 'Schmidt',
    host: 'ES',
    activityType: 'LM-SHORT-VET',
    startIn: 100,
    days: 28,
    target: 'application',
    overdue: true,
  },
  {
    firstName: 'Jonas',
    lastName: 'Weber',
    host: null,
    activityType: 'LM-SHORT-VET',
    startIn: 150,
    days: 35,
    target: 'application',
  },
  {
    firstName: 'Mia',
    lastName: 'Fischer',
    host: 'IT',
    activityType: 'LM-SHORT-VET',
    startIn: 45,
    days: 30,
    target: 'preparation',
    overdue: true,
  },
  {
    firstName: 'Felix',
    lastName: 'Wagner',
    host: 'NL',
    activityType: 'LM-SHORT-VET',
    startIn: 20,
    days: 21,
    target: 'preparation',
  },
  {
    firstName: 'Thomas',
    lastName: 'Neumann',
    host: 'NL',
    activityType: 'SM-JOB-SHDW',
    startIn: 30,
    days: 10,
    target: 'preparation',
  },
  {
    firstName: 'Emma',
    lastName: 'Becker',
    host: 'IE',
    activityType: 'LM-SHORT-VET',
    startIn: -10,
    days: 28,
    target: 'implementation',
  },
  {
    firstName: 'Paul',
    lastName: 'Hoffmann',
    host: 'ES',
    activityType: 'LM-LONG-VET',
    startIn: -40,
    days: 101,
    target: 'implementation',
    overdue: true,
  },
  {
    firstName: 'Hannah',
    lastName: 'Schulz',
    host: 'IT',
    activityType: 'LM-SHORT-VET',
    startIn: -49,
    days: 30,
    target: 'evaluation',
    fewerOpportunities: true,
  },
  {
    firstName: 'Leon',
    lastName: 'Koch',
    host: 'NL',
    activityType: 'LM-SHORT-VET',
    startIn: -76,
    days: 32,
    target: 'evaluation',
    overdue: true,
  },
  {
    firstName: 'Sophie',
    lastName: 'Richter',
    host: 'IE',
    activityType: 'LM-SHORT-VET',
    startIn: -100,
    days: 30,
    target: 'finalisation',
  },
  {
    firstName: 'Lukas',
    lastName: 'Klein',
    host: 'ES',
    activityType: 'LM-SHORT-VET',
    startIn: -160,
    days: 40,
    target: 'completed',
    fewerOpportunities: true,
  },
  {
    firstName: 'Marie',
    lastName: 'Wolf',
    host: 'IT',
    activityType: 'LM-SHORT-VET',
    startIn: 60,
    days: 28,
    target: 'withdrawn',
    withdrawReason: 'Apprenticeship contract ended before the placement',
  },
];

const HOSTS: Record<'ES' | 'IT' | 'NL' | 'IE', CreateOrganisationDto> = {
  ES: {
    name: 'Talleres Mecánicos Castilla S.L.',
    kind: 'company',
    country: 'ES',
    city: 'Valladolid',
    email: 'practicas@talleres-castilla.example',
    oid: 'E10234561',
  },
  IT: {
    name: 'Officina Digitale Bologna S.r.l.',
    kind: 'company',
    country: 'IT',
    city: 'Bologna',
    email: 'tirocini@officina-digitale.example',
    oid: 'E10234562',
  },
  NL: {
    name: 'Groenhuis Installatietechniek B.V.',
    kind: 'company',
    country: 'NL',
    city: 'Utrecht',
    email: 'stage@groenhuis.example',
    oid: 'E10234563',
  },
  IE: {
    name: 'Shannon Hospitality Group Ltd',
    kind: 'company',
    country: 'IE',
    city: 'Limerick',
    email: 'placements@shannon-hospitality.example',
    oid: 'E10234564',
  },
};

/**
 * Demo data for an empty database: a German VET school's KA122-VET project with host companies in
 * Spain, Italy, the Netherlands and Ireland and twelve mobilities over every phase, dated around
 * today so that some tasks are overdue; two of the learners are flagged as participants with fewer
 * opportunities, and every organisation has its OID and city (the BM export's data is complete). Goes through the services, so every rule holds.
 * Returns a one-line summary, or null when the database already had data.
 */
export interface SeededDemo {
  readonly summary: string;
  /** Sign-in details, printed once on the console of the first start. */
  readonly accounts: DemoAccount[];
}

export async function seedDemoData(app: INestApplicationContext): Promise<SeededDemo | null> {
  const db = app.get(DataSource);
  const [{ n }] = (await db.query('SELECT count(*)::int AS n FROM organisation')) as { n: number }[];
  if (n > 0) return null;
  const clock = app.get(Clock);
  const config = app.get<AppConfig>(APP_CONFIG);
  const organisations = app.get(OrganisationService);
  const projects = app.get(ProjectService);
  const mobilities = app.get(MobilityService);
  const lifecycle = app.get(LifecycleService);
  const today = clock.today(config.timeZone);

  // The school uses Mobility Hub (no registrar); its coordinator registers the partners and the rest.
  const [school] = (await db.query(
    `INSERT INTO organisation (name, kind, country, city, email, oid, time_zone)
     VALUES ('Berufskolleg Rhein-Ruhr', 'vet-provider', 'DE', 'Essen', 'erasmus@bk-rhein-ruhr.example', 'E10234560', 'Europe/Berlin')
     RETURNING id`,
  )) as { id: string }[];
  const coordinator = await seedDemoCoordinator(
    db,
    clock.now(),
    { id: school.id, name: 'Berufskolleg Rhein-Ruhr' },
    config.demoPassword,
  );
  const identity = coordinator.identity;
  const hosts = Object.fromEntries(
    await Promise.all(
      Object.entries(HOSTS).map(async ([country, dto]) => [country, await organisations.create(identity, dto)]),
    ),
  ) as Record<keyof typeof HOSTS, { id: string }>;
  await organisations.create(identity, {
    name: 'EuroPlacements Intermediary',
    kind: 'intermediary',
    country: 'ES',
    city: 'Sevilla',
    email: 'office@europlacements.example',
    // Every organisation of the demo has its BM organisation ID (E + 8 digits), as the BM export needs.
    oid: 'E10234565',
  });

  const projectStart = `${addDays(today, -200).slice(0, 7)}-01`;
  const year = Number(projectStart.slice(0, 4));
  const project = await projects.create(identity, {
    reference: `${year}-1-DE02-KA122-VET-000${String(100000 + (year % 1000)).padStart(6, '0')}`,
    title: 'Apprentices abroad: metal, IT, building services and hospitality',
    action: 'KA122-VET',
    callYear: year,
    beneficiaryOrganisationId: school.id,
    startDate: projectStart,
    endDate: addDays(addMonths(projectStart, 18), -1),
  });

  const learners: { personId: string; email: string }[] = [];
  for (const [index, m] of MOBILITIES.entries()) {
    const startDate = addDays(today, m.startIn);
    const created = await mobilities.create(identity, project.id, {
      participant: {
        firstName: m.firstName,
        lastName: m.lastName,
        email: `${m.firstName}.${m.lastName}@students.bk-rhein-ruhr.example`.toLowerCase(),
        dateOfBirth: `${Number(startDate.slice(0, 4)) - 20}-03-${String(10 + index).padStart(2, '0')}`,
      },
      activityType: m.activityType,
      sendingOrganisationId: school.id,
      hostOrganisationId: m.host ? hosts[m.host].id : undefined,
      startDate,
      endDate: addDays(startDate, m.days - 1),
      travelDays: 2,
      greenTravel: index % 3 === 0,
      fewerOpportunities: m.fewerOpportunities ?? false,
    });
    await walk(db, lifecycle, created.id, m, today, (id) => insure(app, identity, id));
    if (learners.length < 2 && m.host) {
      learners.push({ personId: created.participant.id, email: created.participant.email });
    }
  }
  await seedActivityFamilies(app, identity, project.id, school.id, hosts, today);
  await seedReturningLearner({
    db,
    projects,
    mobilities,
    lifecycle,
    identity,
    school: school.id,
    hosts,
    project,
    today,
    insure: (id: string) => insure(app, identity, id),
  });
  await seedReportingProject(app, identity, school.id, today);
  await seedInterruptedStay(app, identity, project.id, school.id, hosts.IT.id, today);
  const hostList = Object.entries(HOSTS).map(([country, dto]) => ({
    id: hosts[country as keyof typeof HOSTS].id,
    name: dto.name,
  }));
  const people = await seedDemoPeople(
    db,
    clock.now(),
    { id: school.id, name: 'Berufskolleg Rhein-Ruhr' },
    hostList,
    learners,
    config.demoPassword,
  );
  const accounts = [coordinator.account, ...people];
  await seedDemoMinor(app, identity, { projectId: project.id, schoolId: school.id, hostId: hosts.IE.id, today });
  await backdateSchedules(app, today);
  return {
    summary: `1 project, ${MOBILITIES.length} mobilities, ${Object.keys(HOSTS).length + 2} organisations, ${accounts.length} people`,
    accounts,
  };
}

/**
 * The demo's mobilities are made today, but a school would have planned those that start soon (or
 * have started) months ago: their tasks were scheduled then, so what is past due is overdue, not
 * "to catch up". Those starting in 100 days or more stay as made today — new files, whose tasks
 * due before today are catch-up tasks (the case a new coordinator meets first).
 */
async function backdateSchedules(app: INestApplicationContext, today: string): Promise<void> {
  const db = app.get(DataSource);
  const [moved] = (await db.query(
    `WITH m AS (SELECT id, start_date FROM mobility WHERE start_date < $1::date + 100)
     UPDATE task t SET scheduled_on = LEAST(t.scheduled_on, m.start_date - 180) FROM m
      WHERE t.mobility_id = m.id RETURNING t.mobility_id AS id`,
    [today],
  )) as [{ id: string }[], number];
  const reminders = app.get(ReminderService);
  for (const id of new Set(moved.map((m) => m.id))) await reminders.replan(db.manager, id);
}

/** Moves a demo mobility to its target state the way a coordinator would: tick, confirm, advance. */
async function walk(
  db: DataSource,
  lifecycle: LifecycleService,
  id: string,
  m: DemoMobility,
  today: string,
  insure: (id: string) => Promise<unknown>,
): Promise<void> {
  const send = (type: 'ADVANCE' | 'HOST_CONFIRM' | 'WITHDRAW', reason?: string) =>
    lifecycle.apply({ mobilityId: id, type, reason, actor: ACTOR, viewer: 'coordinator' });
  // Ticked on their due day (09:00 UTC) when that is past: a learning agreement signed in time is not late.
  const tick = (phases: readonly Phase[], dueBefore?: string) =>
    db.query(
      `UPDATE task SET status = 'done', status_changed_by = $1,
              status_changed_at = LEAST(now(), (due_date + time '09:00') AT TIME ZONE 'UTC')
        WHERE mobility_id = $2 AND phase = ANY($3) AND status = 'open' AND template_key <> 'host-confirmation'
          AND ($4::date IS NULL OR due_date < $4)`,
      [ACTOR, id, phases, dueBefore ?? null],
    );
  if (m.target === 'withdrawn') {
    await send('WITHDRAW', m.withdrawReason);
    return;
  }
  const targetIndex = m.target === 'completed' ? PHASES.length : PHASES.indexOf(m.target);
  for (const phase of PHASES.slice(0, targetIndex)) {
    await tick([phase]);
    if (phase === 'application' || phase === 'preparation') {
      if (phase === 'preparation' || m.target !== 'preparation') await confirmOnce(send, db, id);
    }
    // Insurance is a rule before departure: every stay under way has its cover recorded.
    if (phase === 'preparation') await insure(id);
    await send('ADVANCE');
  }
  if (m.target === 'completed') return;
  if (m.target === 'preparation' && !m.overdue) await confirmOnce(send, db, id);
  if (!m.overdue) await tick([m.target as Phase], addDays(today, -3));
}

async function confirmOnce(
  send: (type: 'HOST_CONFIRM') => Promise<unknown>,
  db: DataSource,
  id: string,
): Promise<void> {
  const [{ confirmed }] = (await db.query(
    'SELECT placement_confirmed_at IS NOT NULL AS confirmed FROM mobility WHERE id = $1',
    [id],
  )) as { confirmed: boolean }[];
  if (!confirmed) await send('HOST_CONFIRM');
}

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/**
 * A minor (17 on the first day abroad) with her guardian, whose consent is still pending (the
 * request is in the outbox), and the school's staff member Jonas Becker accompanying her for the
 * first days, travel day included.
 */
async function seedDemoMinor(
  app: INestApplicationContext,
  identity: Identity,
  at: { projectId: string; schoolId: string; hostId: string; today: string },
): Promise<void> {
  const db = app.get(DataSource);
  const startDate = addDays(at.today, 75);
  const created = await app.get(MobilityService).create(identity, at.projectId, {
    participant: {
      firstName: 'Mia',
      lastName: 'Kowalski',
      email: 'mia.kowalski@students.bk-rhein-ruhr.example',
      // 17 years and about two months old on the first day abroad.
      dateOfBirth: addDays(startDate, -(17 * 365 + 60)),
    },
    guardian: {
      name: 'Anna Kowalski',
      email: 'anna.kowalski@family.example',
      phone: '+49 201 555 0147',
      relationship: 'parent',
    },
    activityType: 'LM-SHORT-VET',
    sendingOrganisationId: at.schoolId,
    hostOrganisationId: at.hostId,
    startDate,
    endDate: addDays(startDate, 20),
    travelDays: 1,
  });
  const [staff] = (await db.query(`SELECT id FROM user_account WHERE email = 'staff@bk-rhein-ruhr.example'`)) as {
    id: string;
  }[];
  if (staff) {
    await app.get(AccompanyingService).add(
      identity,
      created.id,
      {
        userAccountId: staff.id,
        startDate: addDays(startDate, -1),
        endDate: addDays(startDate, 4),
      },
      undefined,
    );
  }
}

/**
 * Checklists per activity family (issue 13): a teacher's job shadowing (the staff checklist), a group
 * mobility of learners (group learning programme, accompanying persons), and one learner still on
 * checklist v1, as mobilities made before v2 are, so the file offers the move to v2.
 */
async function seedActivityFamilies(
  app: INestApplicationContext,
  identity: Identity,
  projectId: string,
  schoolId: string,
  hosts: Record<keyof typeof HOSTS, { id: string }>,
  today: string,
): Promise<void> {
  const db = app.get(DataSource);
  const mobilities = app.get(MobilityService);
  const lifecycle = app.get(LifecycleService);
  const create = async (m: DemoMobility, email: string) => {
    const startDate = addDays(today, m.startIn);
    const created = await mobilities.create(identity, projectId, {
      // Adults (a learner's date of birth is required; a minor would need a guardian).
      participant: { firstName: m.firstName, lastName: m.lastName, email, dateOfBirth: '2004-02-03' },
      activityType: m.activityType,
      sendingOrganisationId: schoolId,
      hostOrganisationId: m.host ? hosts[m.host].id : undefined,
      startDate,
      endDate: addDays(startDate, m.days - 1),
      travelDays: 2,
      greenTravel: true,
    });
    await walk(db, lifecycle, created.id, m, today, (id) => insure(app, identity, id));
    return created;
  };
  const shadowing: DemoMobility = {
    firstName: 'Katrin',
    lastName: 'Becker',
    host: 'NL',
    activityType: 'SM-JOB-SHDW',
    startIn: 40,
    days: 10,
    target: 'preparation',
  };
  await create(shadowing, 'katrin.becker@bk-rhein-ruhr.example');
  // A group mobility is one record per learner (the BM's group activity), travelling together with
  // the school's staff member Jonas Becker as their accompanying person for the whole stay.
  const [staff] = (await db.query(`SELECT id FROM user_account WHERE email = 'staff@bk-rhein-ruhr.example'`)) as {
    id: string;
  }[];
  for (const [firstName, lastName] of [
    ['Ali', 'Demir'],
    ['Sophie', 'Braun'],
    ['Luca', 'Romano'],
  ]) {
    const learner: DemoMobility = {
      firstName,
      lastName,
      host: 'IT',
      activityType: 'LM-GROUP-VET',
      startIn: 70,
      days: 14,
      target: 'application',
    };
    const member = await create(learner, `${firstName}.${lastName}@students.bk-rhein-ruhr.example`.toLowerCase());
    if (staff) {
      await app
        .get(AccompanyingService)
        .add(
          identity,
          member.id,
          { userAccountId: staff.id, startDate: addDays(member.startDate, -1), endDate: addDays(member.endDate, 1) },
          undefined,
        );
    }
  }
  const legacy: DemoMobility = {
    firstName: 'Tim',
    lastName: 'Albers',
    host: 'ES',
    activityType: 'LM-SHORT-VET',
    startIn: 120,
    days: 21,
    target: 'application',
  };
  const old = await create(legacy, 'tim.albers@students.bk-rhein-ruhr.example');
  // As checklist v1 made it: its tasks and version (the file offers "Move to checklist v2").
  const planned = planChecklist({ startDate: old.startDate, endDate: old.endDate }, checklistTemplate(1));
  await db.query(`DELETE FROM task WHERE mobility_id = $1`, [old.id]);
  await db.query(`UPDATE mobility SET checklist_version = 1 WHERE id = $1`, [old.id]);
  for (const [position, x] of planned.entries()) {
    await db.query(
      `INSERT INTO task (mobility_id, phase, template_key, title, guidance, role, mandatory, position, due_date, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open')`,
      [old.id, x.phase, x.key, x.title, x.guidance, x.role, x.mandatory, position, x.dueDate],
    );
  }
  await app.get(ReminderService).replan(db.manager, old.id);
}

/**
 * People who come back: Emma Wagner went on a mobility with the school's earlier project (completed)
 * and goes again with the current one — one person of the school with two participations. Her file
 * lists the other mobility ("Also went on"), the new-mobility form offers her for her address, and
 * signed in (by link) she sees both.
 */
async function seedReturningLearner(demo: {
  db: DataSource;
  projects: ProjectService;
  mobilities: MobilityService;
  lifecycle: LifecycleService;
  identity: Parameters<MobilityService['create']>[0];
  school: string;
  hosts: Record<keyof typeof HOSTS, { id: string }>;
  project: { id: string };
  today: string;
  /** Records the stay's insurance (a rule before departure). */
  insure: (id: string) => Promise<unknown>;
}): Promise<void> {
  const { identity, today } = demo;
  const earlierStart = `${addDays(today, -700).slice(0, 7)}-01`;
  const year = Number(earlierStart.slice(0, 4));
  const earlier = await demo.projects.create(identity, {
    reference: `${year}-1-DE02-KA122-VET-000${String(200000 + (year % 1000)).padStart(6, '0')}`,
    title: 'Apprentices abroad: the first round',
    action: 'KA122-VET',
    callYear: year,
    beneficiaryOrganisationId: demo.school,
    startDate: earlierStart,
    endDate: addDays(addMonths(earlierStart, 18), -1),
  });
  const firstStart = addDays(earlierStart, 120);
  const first: DemoMobility = {
    firstName: 'Emma',
    lastName: 'Wagner',
    host: 'NL',
    activityType: 'LM-SHORT-VET',
    startIn: 0,
    days: 21,
    target: 'completed',
  };
  const went = await demo.mobilities.create(identity, earlier.id, {
    participant: {
      firstName: 'Emma',
      lastName: 'Wagner',
      email: 'emma.wagner@students.bk-rhein-ruhr.example',
      // An adult on both stays (a minor would need a guardian named).
      dateOfBirth: `${year - 19}-09-14`,
    },
    activityType: first.activityType,
    sendingOrganisationId: demo.school,
    hostOrganisationId: demo.hosts.NL.id,
    startDate: firstStart,
    endDate: addDays(firstStart, first.days - 1),
    travelDays: 2,
    greenTravel: true,
  });
  await walk(demo.db, demo.lifecycle, went.id, first, today, demo.insure);
  // Back for a longer placement with the current project: the same person, chosen by id.
  const againStart = addDays(today, 75);
  const again = await demo.mobilities.create(identity, demo.project.id, {
    personId: went.participant.id,
    activityType: 'LM-SHORT-VET',
    sendingOrganisationId: demo.school,
    hostOrganisationId: demo.hosts.IE.id,
    startDate: againStart,
    endDate: addDays(againStart, 41),
    travelDays: 2,
    greenTravel: false,
  });
  await walk(
    demo.db,
    demo.lifecycle,
    again.id,
    { ...first, host: 'IE', startIn: 75, days: 42, target: 'preparation' },
    today,
    demo.insure,
  );
}

/** Demo cover: one travel policy for health, accident and third-party liability. */
function insure(app: INestApplicationContext, identity: Identity, mobilityId: string): Promise<unknown> {
  return app.get(MobilityRecordsService).recordInsurance(
    identity,
    mobilityId,
    {
      covers: [
        {
          kind: 'policy',
          insurer: 'DR-WALTER Erasmus Gruppenversicherung',
          policyNumber: `EDU-${mobilityId.slice(0, 8).toUpperCase()}`,
          risks: ['health', 'accident', 'liability'],
        },
      ],
    },
    undefined,
  );
}

/**
 * Issue 13's interrupted stay: an apprentice in Bologna whose host workshop closed after a flood
 * (force majeure). Insured, advanced on the calendar, INTERRUPTed with the actual last day, now in
 * evaluation with the participant report requested.
 */
async function seedInterruptedStay(
  app: INestApplicationContext,
  identity: Identity,
  projectId: string,
  schoolId: string,
  hostId: string,
  today: string,
): Promise<void> {
  const db = app.get(DataSource);
  const lifecycle = app.get(LifecycleService);
  const startDate = addDays(today, -24);
  const created = await app.get(MobilityService).create(identity, projectId, {
    participant: {
      firstName: 'Noah',
      lastName: 'Krüger',
      email: 'noah.krueger@students.bk-rhein-ruhr.example',
      // A learner's date of birth is required; an adult (no guardian's consent needed).
      dateOfBirth: '2004-08-21',
    },
    activityType: 'LM-SHORT-VET',
    sendingOrganisationId: schoolId,
    hostOrganisationId: hostId,
    startDate,
    endDate: addDays(startDate, 34),
    travelDays: 2,
    greenTravel: false,
  });
  const send = (type: 'ADVANCE' | 'HOST_CONFIRM') =>
    lifecycle.apply({ mobilityId: created.id, type, actor: ACTOR, viewer: 'coordinator' });
  const tick = (phase: Phase) =>
    db.query(
      `UPDATE task SET status = 'done', status_changed_by = $1,
              status_changed_at = LEAST(now(), (due_date + time '09:00') AT TIME ZONE 'UTC')
        WHERE mobility_id = $2 AND phase = $3 AND status = 'open' AND template_key <> 'host-confirmation'
          AND due_date < $4`,
      [ACTOR, created.id, phase, today],
    );
  await db.query(
    `UPDATE task SET status = 'done', status_changed_by = $1, status_changed_at = now()
      WHERE mobility_id = $2 AND phase = 'application' AND template_key <> 'host-confirmation'`,
    [ACTOR, created.id],
  );
  await send('HOST_CONFIRM');
  await send('ADVANCE');
  await db.query(
    `UPDATE task SET status = 'done', status_changed_by = $1,
            status_changed_at = LEAST(now(), (due_date + time '09:00') AT TIME ZONE 'UTC')
      WHERE mobility_id = $2 AND phase = 'preparation' AND status = 'open'`,
    [ACTOR, created.id],
  );
  await insure(app, identity, created.id);
  await send('ADVANCE');
  await tick('implementation');
  await lifecycle.apply({
    mobilityId: created.id,
    type: 'INTERRUPT',
    reason: 'The host workshop closed after the flood in Emilia-Romagna (regional state of emergency)',
    interruption: { actualEndDate: addDays(today, -9), forceMajeure: true },
    actor: ACTOR,
    viewer: 'coordinator',
  });
  await app.get(MobilityRecordsService).recordParticipantReport(identity, created.id, { action: 'request' }, undefined);
}

/**
 * The project's own lifecycle: the school's previous accredited (KA121-VET) project ended 40 days ago
 * and is in reporting. Its interim report went in, the BM data is complete and the organisations are
 * checked; the participant reports and the evidence file are due in 5 days, the final report
 * (P1+60 by default) in 20 — the coordinator records its submission on the project page.
 */
async function seedReportingProject(
  app: INestApplicationContext,
  identity: Parameters<ProjectService['create']>[0],
  schoolId: string,
  today: string,
): Promise<void> {
  const projects = app.get(ProjectService);
  const tasks = app.get(ProjectTasksService);
  const endDate = addDays(today, -40);
  const startDate = addDays(addMonths(endDate, -15), 1);
  const year = Math.min(Math.max(Number(startDate.slice(0, 4)), 2021), 2027);
  const project = await projects.create(identity, {
    reference: `${year}-1-DE02-KA121-VET-000${String(300000 + (year % 1000)).padStart(6, '0')}`,
    title: 'Accredited mobility, last round: apprentices and trainers',
    action: 'KA121-VET',
    callYear: year,
    beneficiaryOrganisationId: schoolId,
    startDate,
    endDate,
  });
  await tasks.update(identity, project.id, { interimReportDueDate: addMonths(startDate, 8) });
  const byKey = new Map((await tasks.list(identity, project.id)).map((t) => [t.key, t]));
  const settle = async (key: string, status: 'done' | 'waived', waiverReason?: string) => {
    const task = byKey.get(key);
    if (task) await tasks.updateTask(identity, project.id, task.id, { status, waiverReason });
  };
  await settle('interim-report-submitted', 'done');
  await settle('bm-mobilities-complete', 'done');
  await settle('bm-organisations-checked', 'done');
}

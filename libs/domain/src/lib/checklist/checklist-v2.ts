import type { ActivityFamily } from '../activity-types';
import type { Phase } from '../phases';
import { CHECKLIST_V1 } from './checklist-v1';
import type { ChecklistTemplate, DueRule, TaskBasis, TaskRole, TaskTemplate } from './template.types';

/*
 * Checklist version 2: one VARIANT per activity family, built from shared pieces. Changes against v1:
 * - "Mobility marked Complete in the Beneficiary Module" is due by the last day abroad (T1), so it
 *   belongs to implementation: the participant report is sent only for records that are Complete
 *   when the end date is reached (reference §3.2 #9, §4.7 [rule]).
 * - The "Are you ready?" self-check is due about three months before departure (reference §3.2 #2,
 *   T0-3 months [practice]).
 * - A participant under 18 on the first day abroad needs their guardian's consent, given by the
 *   guardian (reference §3.2 #3 "authorisations (e.g. parental consent)", #8 "+guardian"): every
 *   learners' family has the conditional `guardian-consent` task.
 * - Due dates scale with the stay (reference §3.3): every implementation task stays inside T0..T1,
 *   the first check-in is within the first three days, monitoring recurs only while the stay is long
 *   enough, ErasmusPro has a mid-stay review at the midpoint, the host's assessment is in the last days.
 * - Staff, experts, hosted educators and preparatory visits get their own tasks: no apprentice
 *   eligibility, no units of learning outcomes, no guardian, no "work placement".
 * Keys of v1 keep their meaning (a migration matches tasks by key); titles may say it in the
 * family's words.
 */

const t0 = (offsetDays: number): DueRule => ({ anchor: 'T0', offsetDays });
const t1 = (offsetDays: number): DueRule => ({ anchor: 'T1', offsetDays });
const midpoint: DueRule = { anchor: 'midpoint', offsetDays: 0 };

const V1 = new Map(CHECKLIST_V1.tasks.map((t) => [t.key, t]));

/** A v1 task, with what changes in this family (same key, same meaning). */
function v1(key: string, changes: Partial<TaskTemplate> = {}): TaskTemplate {
  const task = V1.get(key);
  if (!task) throw new RangeError(`checklist v2: no v1 task ${key}`);
  return { ...task, ...changes };
}

/**
 * Insurance is a rule in v2, not advice: health, accident and third-party liability recorded before
 * departure (reference §3.2 #10, Erasmus quality standards: health and safety); the lifecycle refuses
 * Implementation without it (INSURANCE_MISSING), and recording the cover ticks this task.
 */
function insurance(changes: Partial<TaskTemplate> = {}): TaskTemplate {
  return v1('insurance', {
    basis: 'rule',
    mandatory: true,
    title: 'Insurance recorded: health, accident and third-party liability',
    guidance:
      'Insurer, policy number and the risks covered, for the whole stay, recorded in the file before departure. The EHIC covers health care within the EU/EEA only.',
    ...changes,
  });
}

function task(
  phase: Phase,
  key: string,
  role: TaskRole,
  basis: TaskBasis,
  due: DueRule,
  title: string,
  guidance: string,
  extra: Partial<TaskTemplate> = {},
): TaskTemplate {
  return { key, phase, role, basis, due, title, guidance, mandatory: basis !== 'practice', ...extra };
}

/**
 * Monitoring check-ins every `every` days from the start, each only in stays that go on at least a
 * week after it (the host's assessment covers the last week); keys name the day, so they are stable.
 * Reference §3.3 #6: the host tutor reports progress to the sending tutor weekly or every second week.
 */
function monitoringEvery(every: number, maxDays: number, who: string): TaskTemplate[] {
  const tasks: TaskTemplate[] = [];
  for (let day = every; day + 7 <= maxDays; day += every) {
    tasks.push(
      task(
        'implementation',
        `monitoring-day-${day}`,
        'sending',
        'practice',
        t0(day),
        `Monitoring check-in, day ${day + 1} of the stay`,
        `A short exchange with ${who} and the host: progress, problems, anything to change in the agreement.`,
        { minStayDays: day + 8 },
      ),
    );
  }
  return tasks;
}

/** Every implementation task stays inside the stay (T0..T1): the rule data says so. */
function variant(family: ActivityFamily, tasks: readonly TaskTemplate[]): ChecklistTemplate {
  return {
    version: 2,
    family,
    tasks: tasks.map((t) => (t.phase === 'implementation' ? { ...t, due: { ...t.due, within: 'stay' } } : t)),
  };
}

// ── Learners ─────────────────────────────────────────────────────────────────────────────────────

const GUARDIAN_CONSENT: TaskTemplate = {
  key: 'guardian-consent',
  phase: 'preparation',
  role: 'learner',
  basis: 'rule',
  mandatory: true,
  condition: 'minor',
  consent: true,
  due: { anchor: 'T0', offsetDays: -30 },
  title: "Guardian's consent to the stay abroad given",
  guidance:
    'The participant is under 18 on the first day abroad: a parent or legal guardian confirms the stay through the link e-mailed to them.',
};

/** Reference §3.1 #9, §3.2 #1-2: learners apply, are checked and selected; a host is found. */
const LEARNER_APPLICATION: readonly TaskTemplate[] = [
  v1('candidate-application'),
  v1('readiness-self-check', { due: t0(-90) }),
  v1('eligibility-check'),
  v1('selection-decision'),
  v1('fewer-opportunities'),
  v1('organisation-ids'),
  v1('host-search'),
  v1('learning-units-agreed'),
  v1('memorandum-of-understanding'),
];

/** Reference §3.2: the dossier, the agreements, insurance, travel and preparation. */
const LEARNER_PREPARATION: readonly TaskTemplate[] = [
  v1('learner-dossier'),
  GUARDIAN_CONSENT,
  v1('candidate-sent-to-host'),
  v1('host-confirmation'),
  v1('learning-agreement'),
  v1('participant-grant-agreement'),
  insurance(),
  v1('travel-booked'),
  v1('linguistic-preparation'),
  v1('preparation-session'),
  v1('beneficiary-module-record'),
  v1('pre-financing-paid'),
  v1('europass-mobility-prepared'),
];

const ARRIVAL: readonly TaskTemplate[] = [
  // Reference §3.3 #1: travel on the days before T0; the task is "arrived", due on the first day.
  v1('travel-to-host', {
    due: t0(0),
    title: 'Arrived in the host country',
    guidance:
      'Practitioners advise arriving 2–3 days before work starts; funded travel days: 2 standard, up to 6 green.',
  }),
  v1('arrival-confirmed'),
];

/** Reference §3.3 #2-5, #10-12 and §4.7: the stay of a learner, with duration-relative dates. */
const learnerImplementation = (firstCheckIn: number, who = 'the learner'): TaskTemplate[] => [
  ...ARRIVAL,
  v1('induction'),
  v1('health-safety-briefing'),
  v1('monitoring-contact', {
    due: t0(firstCheckIn),
    title: 'First check-in with the learner and the host mentor',
    guidance: `In the first days of the stay: is ${who} settled, safe, and doing the tasks of the agreement? Then keep in touch regularly.`,
  }),
  v1('learner-portfolio'),
  v1('outcomes-assessed', {
    due: t1(-2),
    guidance:
      'In the last days of the stay, with the method agreed in the MoU or learning agreement; note differences from the planned outcomes.',
  }),
  v1('attendance-confirmed'),
  v1('europass-host-section'),
  v1('dissemination-material'),
  v1('beneficiary-module-complete', { phase: 'implementation', due: t1(0) }),
];

/** Reference §3.4: evaluation after return. */
const LEARNER_EVALUATION: readonly TaskTemplate[] = [
  v1('participant-report-requested'),
  v1('participant-report-submitted'),
  v1('participant-report-monitored'),
  v1('debrief'),
  v1('host-rated'),
  v1('outcomes-validated'),
  v1('outcomes-recognised'),
  v1('europass-mobility-issued'),
  v1('beneficiary-module-updated'),
  v1('balance-paid'),
];

/** Reference §3.5: the mobility's part of the final report and the file. */
const FINALISATION: readonly TaskTemplate[] = [
  v1('participant-report-received'),
  v1('evidence-learning-agreement'),
  v1('evidence-attendance'),
  v1('evidence-travel'),
  v1('evidence-real-costs'),
  v1('grant-reconciled'),
  v1('feedback-analysed'),
  v1('results-shared'),
  v1('file-archived'),
];

/** Short-term learning mobility of VET learners, 10-89 days (reference §1.3). */
const LEARNER_SHORT = variant('learner-short', [
  ...LEARNER_APPLICATION,
  ...LEARNER_PREPARATION,
  ...learnerImplementation(2),
  ...monitoringEvery(14, 89, 'the learner'),
  ...LEARNER_EVALUATION,
  ...FINALISATION,
]);

/** ErasmusPro, 90-365 days (reference §1.3): monthly monitoring and a mid-stay review. */
const ERASMUS_PRO = variant('erasmus-pro', [
  ...LEARNER_APPLICATION,
  ...LEARNER_PREPARATION,
  ...learnerImplementation(2),
  task(
    'implementation',
    'mid-stay-review',
    'sending',
    'practice',
    midpoint,
    'Mid-stay review with the learner and the host mentor',
    'Half-way through a long stay: progress against the learning agreement, wellbeing, the second half of the programme; amend the agreement if needed (reference §3.3 #6, #8).',
  ),
  ...monitoringEvery(30, 365, 'the learner'),
  ...LEARNER_EVALUATION,
  ...FINALISATION,
]);

/**
 * Skills competitions, 1-10 days (reference §1.3: learners and accompanying staff): a compressed
 * timeline — selection a few months ahead, the stay itself checked day by day.
 */
const SKILLS_COMPETITION = variant('skills-competition', [
  v1('candidate-application', { due: t0(-90), title: 'Application to compete submitted' }),
  v1('readiness-self-check', { due: t0(-75) }),
  v1('eligibility-check', { due: t0(-75) }),
  v1('selection-decision', { due: t0(-70), title: 'Competitors selected and the decision recorded' }),
  v1('fewer-opportunities', { due: t0(-70) }),
  v1('organisation-ids', { due: t0(-60) }),
  v1('host-search', {
    due: t0(-60),
    title: 'Competition and its organiser (the host) chosen',
    guidance: "Check the competition's rules, the trades on offer and the registration deadline.",
  }),
  task(
    'application',
    'competition-registration',
    'sending',
    'practice',
    t0(-45),
    'Competitors registered with the organiser',
    "Within the organiser's deadline; keep the confirmation.",
  ),
  v1('learner-dossier', { due: t0(-30) }),
  { ...GUARDIAN_CONSENT, due: t0(-21) },
  v1('host-confirmation', {
    due: t0(-21),
    title: 'Organiser confirms the participation and names a contact',
    guidance: 'The organiser confirms the competitors and the programme and names who to call on site.',
  }),
  task(
    'preparation',
    'accompanying-staff-named',
    'sending',
    'practice',
    t0(-21),
    'Accompanying staff named',
    'Skills competitions are for learners with accompanying staff (reference §1.3); the accompanying person is recorded on the mobility.',
  ),
  v1('learning-agreement', {
    due: t0(-7),
    guidance:
      'What the learner is to learn and show at the competition, and how it is recognised — signed before the start.',
  }),
  v1('participant-grant-agreement', { due: t0(-7) }),
  insurance({ due: t0(-7) }),
  v1('travel-booked', { due: t0(-21) }),
  v1('preparation-session', {
    due: t0(-7),
    title: 'Competition briefing and practical preparation done',
    guidance: 'Rules of the competition, tools and clothing, emergency numbers, what the accompanying staff do.',
  }),
  v1('beneficiary-module-record'),
  v1('pre-financing-paid'),
  v1('europass-mobility-prepared'),
  ...ARRIVAL,
  v1('induction', { title: 'Registration and briefing at the competition' }),
  v1('health-safety-briefing'),
  v1('monitoring-contact', {
    due: t0(0),
    title: 'Daily check-in with the accompanying staff',
    guidance: 'Each day of the competition: is everyone safe and where they should be?',
  }),
  v1('attendance-confirmed', { title: 'Organiser confirms the participation (certificate)' }),
  v1('europass-host-section'),
  v1('dissemination-material'),
  v1('beneficiary-module-complete', { phase: 'implementation', due: t1(0) }),
  ...LEARNER_EVALUATION.filter((t) => t.key !== 'outcomes-validated'),
  ...FINALISATION,
]);

/**
 * Group mobility of VET learners, 2-30 days, at least 2 learners, accompanied (reference §1.3): one
 * learning programme for the whole group with a participant list instead of individual learning
 * agreements (reference §4.4).
 */
const LEARNER_GROUP = variant('learner-group', [
  ...LEARNER_APPLICATION.filter((t) => t.key !== 'memorandum-of-understanding'),
  ...LEARNER_PREPARATION.map((t) =>
    t.key === 'learning-agreement'
      ? {
          ...t,
          title: 'Group learning programme and participant list signed',
          guidance:
            'Group mobility: one learning programme for the whole group with the list of participants, signed by sending organisation and host before the start (reference §4.4).',
        }
      : t.key === 'candidate-sent-to-host'
        ? { ...t, title: 'Participant list and profiles sent to the host' }
        : t,
  ),
  task(
    'preparation',
    'accompanying-persons',
    'sending',
    'rule',
    t0(-30),
    'Accompanying person(s) named for the group',
    'Group mobility is accompanied (reference §1.3): name the staff who travel with the group, for the whole stay.',
  ),
  ...learnerImplementation(1, 'the group').map((t) =>
    t.key === 'monitoring-contact'
      ? { ...t, title: 'First check-in with the accompanying person and the host' }
      : t.key === 'outcomes-assessed'
        ? { ...t, title: "Group's learning outcomes assessed by the host" }
        : t,
  ),
  ...monitoringEvery(7, 30, 'the accompanying person'),
  ...LEARNER_EVALUATION,
  ...FINALISATION,
]);

// ── Staff going abroad ───────────────────────────────────────────────────────────────────────────

/** Reference §1.3: staff employed by or regularly working for the sending organisation. */
const STAFF_ELIGIBILITY = task(
  'application',
  'staff-eligibility-check',
  'coordinator',
  'rule',
  t0(-90),
  'Eligibility and activity duration checked',
  "Teacher, trainer, other expert or non-teaching staff employed by or regularly working for the sending organisation; duration within the activity type's limits.",
);

const staffApplication = (hostTitle: string): TaskTemplate[] => [
  v1('candidate-application', {
    title: 'Application with professional development goals submitted',
    guidance: 'What the staff member wants to learn or bring back, and how it serves the organisation’s Erasmus plan.',
  }),
  STAFF_ELIGIBILITY,
  v1('selection-decision', {
    guidance: 'Select with the published criteria (Erasmus quality standards); keep the record.',
  }),
  v1('fewer-opportunities', {
    title: 'Fewer-opportunity situation and inclusion needs recorded',
    guidance: 'Staff can have fewer opportunities too; it decides inclusion support and must be documented.',
  }),
  v1('organisation-ids'),
  v1('host-search', { title: hostTitle, guidance: 'Use the partner directory, ratings and previous cooperation.' }),
];

const TRAVEL_DOCUMENTS = task(
  'preparation',
  'travel-documents',
  'learner',
  'practice',
  t0(-42),
  'Travel documents ready (ID, EHIC)',
  'ID or passport and the European Health Insurance Card for health care within the EU.',
);

const staffPreparation = (agreement: Partial<TaskTemplate>, hostConfirmation: Partial<TaskTemplate>) => [
  TRAVEL_DOCUMENTS,
  v1('candidate-sent-to-host', {
    title: 'Profile and goals sent to the host',
    guidance: 'So the host can plan the programme of the stay.',
  }),
  v1('host-confirmation', hostConfirmation),
  v1('learning-agreement', agreement),
  v1('participant-grant-agreement', {
    guidance: 'Amounts, payment schedule and obligations (participant report, documents).',
  }),
  insurance(),
  v1('travel-booked'),
  v1('beneficiary-module-record'),
  v1('pre-financing-paid'),
];

/** The stay of a staff member: no portfolio, no assessment of units. */
const staffImplementation = (attendanceTitle: string): TaskTemplate[] => [
  ...ARRIVAL,
  v1('induction', {
    title: 'Welcome at the host and programme of the stay',
    guidance: 'Who is who, the programme, the practicalities.',
  }),
  v1('monitoring-contact', {
    due: t0(2),
    title: 'First check-in with the participant',
    guidance: 'In the first days: is the programme as agreed? Anything to change?',
  }),
  v1('attendance-confirmed', {
    title: attendanceTitle,
    guidance: "The certificate or learning-agreement complement is the proof of the mobility's dates.",
  }),
  v1('dissemination-material', {
    title: 'Photos and notes collected for sharing',
    guidance: "For colleagues and the project's results, with the consent of those shown.",
  }),
  v1('beneficiary-module-complete', { phase: 'implementation', due: t1(0) }),
];

const KNOWLEDGE_SHARED = task(
  'evaluation',
  'knowledge-shared',
  'sending',
  'practice',
  t1(30),
  'What was learned shared with colleagues',
  'Erasmus quality standards ask organisations to share results inside the organisation (reference §1.4).',
);

const STAFF_EVALUATION: readonly TaskTemplate[] = [
  v1('participant-report-requested'),
  v1('participant-report-submitted'),
  v1('participant-report-monitored'),
  v1('debrief', {
    title: 'Return debrief with the line manager',
    guidance: 'What worked, what to introduce at home; within two weeks of return.',
  }),
  KNOWLEDGE_SHARED,
  v1('host-rated', { title: 'Host organisation rated', guidance: 'The rating feeds the partner directory.' }),
  v1('europass-mobility-issued', {
    title: 'Europass Mobility or certificate issued and a copy kept',
    guidance: 'Proof of completion; the participant receives it, a copy stays in the file.',
  }),
  v1('beneficiary-module-updated'),
  v1('balance-paid'),
];

const STAFF_FINALISATION: readonly TaskTemplate[] = FINALISATION.map((t) =>
  t.key === 'feedback-analysed' ? { ...t, title: 'Participant feedback analysed; procedures adjusted' } : t,
);

const STAFF_AGREEMENT: Partial<TaskTemplate> = {
  title: 'Learning agreement signed by sending organisation, host and participant',
  guidance:
    'The Erasmus+ learning agreement serves staff too (reference §4.4): goals, programme, tasks of each side — signed before the start.',
};

/** Job shadowing, 2-60 days (reference §1.3). */
const STAFF_JOB_SHADOWING = variant('staff-job-shadowing', [
  ...staffApplication('Host organisation for the job shadowing found'),
  ...staffPreparation(STAFF_AGREEMENT, {
    title: 'Host confirms the job shadowing and names a contact person',
    guidance: 'The host confirms the dates and names who the participant will follow.',
  }),
  ...staffImplementation('Host confirms the period completed (certificate of attendance)'),
  ...monitoringEvery(14, 60, 'the participant'),
  ...STAFF_EVALUATION,
  ...STAFF_FINALISATION,
]);

/** Teaching or training assignments, 2-365 days (reference §1.3). */
const STAFF_TEACHING = variant('staff-teaching', [
  ...staffApplication('Host organisation for the assignment found'),
  ...staffPreparation(
    {
      ...STAFF_AGREEMENT,
      guidance:
        'The teaching or training programme, the groups taught and the tasks of each side, signed before the start (reference §4.4).',
    },
    {
      title: 'Host confirms the assignment and names a contact person',
      guidance: 'Dates, groups and timetable confirmed.',
    },
  ),
  task(
    'preparation',
    'teaching-materials-prepared',
    'learner',
    'practice',
    t0(-7),
    'Teaching or training materials prepared',
    'In the working language of the host; agreed with the contact person.',
  ),
  ...staffImplementation('Host confirms the assignment completed (certificate of attendance)'),
  ...monitoringEvery(30, 365, 'the participant'),
  ...STAFF_EVALUATION,
  ...STAFF_FINALISATION,
]);

/** Courses and training, 2-30 days; course fees for at most 10 days (reference §1.3, §6.4). */
const STAFF_COURSE = variant('staff-course', [
  ...staffApplication('Course provider found'),
  task(
    'application',
    'course-selected',
    'coordinator',
    'rule',
    t0(-60),
    'Course chosen; course title and ESEP course ID recorded',
    'The Beneficiary Module records the course title and its European School Education Platform (ESEP) ID (reference §6.4).',
  ),
  ...staffPreparation(STAFF_AGREEMENT, {
    title: 'Course provider confirms the registration',
    guidance: 'Dates, programme and the fee confirmed in writing.',
  }),
  task(
    'preparation',
    'course-fees',
    'coordinator',
    'rule',
    t0(-14),
    'Course fees agreed and paid (funded for at most 10 days)',
    'Course fees are a unit cost per day for at most 10 days per participant (reference §6.4); days beyond are not funded.',
  ),
  ...staffImplementation('Course provider confirms the attendance (certificate)'),
  ...monitoringEvery(14, 30, 'the participant'),
  ...STAFF_EVALUATION,
  ...STAFF_FINALISATION,
]);

// ── Coming to us: invited experts, hosted teachers and educators in training ────────────────────

const incomingApplication = (first: TaskTemplate, hostTitle: string): TaskTemplate[] => [
  first,
  v1('selection-decision', {
    title: 'Invitation decision recorded',
    guidance: 'Why this person, for what; keep the record.',
  }),
  v1('organisation-ids'),
  v1('host-search', {
    title: hostTitle,
    guidance: 'The organisation abroad the participant comes from; it confirms the dates.',
  }),
];

const INCOMING_PREPARATION: readonly TaskTemplate[] = [
  v1('host-confirmation', {
    title: "Participant's organisation confirms the dates",
    guidance: 'The organisation abroad confirms the visit and names a contact.',
  }),
  v1('learning-agreement', {
    title: 'Programme of the stay agreed and signed',
    guidance: 'What the participant does with us, with whom, and how it is confirmed — signed before the start.',
  }),
  v1('participant-grant-agreement', {
    guidance: 'Amounts, payment schedule and obligations (participant report, documents).',
  }),
  v1('insurance', {
    title: "Participant's accident and liability insurance checked",
    guidance: 'Cover for the whole stay; the EHIC for health care within the EU.',
  }),
  v1('travel-booked'),
  task(
    'preparation',
    'welcome-prepared',
    'sending',
    'practice',
    t0(-7),
    'Welcome, programme and accommodation prepared',
    'Who meets the participant, the timetable, rooms and access.',
  ),
  v1('beneficiary-module-record'),
  v1('pre-financing-paid'),
];

const incomingImplementation = (): TaskTemplate[] => [
  v1('arrival-confirmed', {
    role: 'sending',
    title: 'Arrival of the participant confirmed',
    guidance: 'Met on arrival.',
  }),
  v1('induction', {
    role: 'sending',
    title: 'Welcome and introduction at our organisation',
    guidance: 'Colleagues, rooms, the programme.',
  }),
  v1('monitoring-contact', {
    role: 'sending',
    due: t0(2),
    title: 'First check-in with the participant',
    guidance: 'In the first days: is the programme working for both sides?',
  }),
  v1('attendance-confirmed', {
    role: 'sending',
    title: 'Period of the stay confirmed (certificate for the participant)',
    guidance: "Our certificate is the proof of the mobility's dates.",
  }),
  v1('dissemination-material', {
    role: 'sending',
    title: 'Photos and notes collected for sharing',
    guidance: "For colleagues and the project's results, with consent.",
  }),
  v1('beneficiary-module-complete', { phase: 'implementation', due: t1(0) }),
];

const INCOMING_EVALUATION: readonly TaskTemplate[] = [
  v1('participant-report-requested'),
  v1('participant-report-submitted'),
  v1('participant-report-monitored'),
  v1('debrief', {
    title: 'Debrief with the colleagues who worked with the participant',
    guidance: 'What the visit brought and what to keep.',
  }),
  KNOWLEDGE_SHARED,
  v1('beneficiary-module-updated'),
  v1('balance-paid'),
];

/** Invited experts (BM `OA-INV-EXP`, reference §1.3: incoming). */
const INVITED_EXPERT = variant('invited-expert', [
  ...incomingApplication(
    task(
      'application',
      'expert-identified',
      'coordinator',
      'practice',
      t0(-90),
      'Expert identified; contribution agreed',
      'What the expert brings to teaching or to the organisation, and to whom.',
    ),
    "Expert's organisation recorded",
  ),
  ...INCOMING_PREPARATION,
  ...incomingImplementation(),
  ...INCOMING_EVALUATION,
  ...STAFF_FINALISATION,
]);

/** Hosting teachers and educators in training (BM `OA-HOS-TTT`, reference §1.3: incoming). */
const HOSTING_EDUCATOR = variant('hosting-educator', [
  ...incomingApplication(
    v1('candidate-application', {
      role: 'learner',
      title: 'Application of the teacher or educator in training received',
      guidance: 'Their training programme, goals and the subjects they want to practise.',
    }),
    "Educator's training institution recorded",
  ),
  ...INCOMING_PREPARATION,
  task(
    'preparation',
    'mentor-named',
    'sending',
    'practice',
    t0(-14),
    'Our mentor for the educator named',
    'A colleague who guides the educator in training through the stay.',
  ),
  ...incomingImplementation(),
  ...monitoringEvery(30, 365, 'the educator'),
  task(
    'implementation',
    'training-feedback',
    'sending',
    'practice',
    t1(-2),
    "Feedback on the educator's practice given",
    'In the last days, for the training institution.',
  ),
  ...INCOMING_EVALUATION,
  ...STAFF_FINALISATION,
]);

// ── Preparatory visits ───────────────────────────────────────────────────────────────────────────

/**
 * Preparatory visit (reference §3.2 #16, §6.4, §7.1): a visit to the receiving organisation before
 * the mobilities it prepares, at most 3 persons, recorded in the BM's own Preparatory visits section
 * (with its purpose); no participant report.
 */
const PREPARATORY_VISIT = variant('preparatory-visit', [
  task(
    'application',
    'visit-purpose',
    'coordinator',
    'rule',
    t0(-45),
    'Purpose of the visit and the mobilities it prepares recorded',
    'The BM asks for the purpose of each preparatory visit; it is made before the mobilities it prepares.',
  ),
  v1('selection-decision', {
    title: 'Persons taking part chosen (at most 3)',
    guidance: 'Up to 3 persons per preparatory visit (reference §3.2 #16).',
  }),
  v1('organisation-ids'),
  v1('host-search', {
    title: 'Receiving organisation to visit chosen',
    guidance: 'The host of the mobilities it prepares.',
  }),
  v1('host-confirmation', {
    title: 'Receiving organisation confirms the visit',
    guidance: 'Dates and who meets the visitors.',
  }),
  v1('learning-agreement', {
    title: 'Programme of the visit agreed with the receiving organisation',
    guidance: 'Meetings, the workplaces to see, what is to be agreed — done before leaving.',
  }),
  v1('participant-grant-agreement', { guidance: 'The grant per person and the documents to bring back.' }),
  v1('insurance', {
    title: 'Accident and liability insurance for the visit',
    guidance: 'The sending organisation ensures cover; EHIC for health care within the EU.',
  }),
  v1('travel-booked'),
  v1('beneficiary-module-record', {
    title: 'Visit recorded in the Beneficiary Module (Preparatory visits)',
    guidance: 'Preparatory visits have their own section in the BM, with the number of persons and the purpose.',
  }),
  ...ARRIVAL,
  task(
    'implementation',
    'visit-meetings',
    'sending',
    'practice',
    t1(0),
    'Meetings held: arrangements, safety and learning outcomes agreed',
    'Administrative arrangements, the workplaces, mentors, health and safety of the participants to come.',
  ),
  v1('attendance-confirmed', {
    title: 'Receiving organisation confirms the visit took place',
    guidance: 'A short attendance confirmation is the proof of the dates.',
  }),
  v1('beneficiary-module-complete', { phase: 'implementation', due: t1(0) }),
  task(
    'evaluation',
    'visit-report',
    'sending',
    'practice',
    t1(14),
    'Visit report written for colleagues',
    'What was agreed and what the mobilities it prepares need.',
  ),
  v1('beneficiary-module-updated'),
  v1('balance-paid', { guidance: 'After the documents are in.' }),
  v1('evidence-attendance', { title: 'Proof of the visit filed' }),
  v1('evidence-travel'),
  v1('grant-reconciled'),
  v1('file-archived'),
]);

export const CHECKLIST_V2_VARIANTS: Readonly<Record<ActivityFamily, ChecklistTemplate>> = {
  'learner-short': LEARNER_SHORT,
  'erasmus-pro': ERASMUS_PRO,
  'skills-competition': SKILLS_COMPETITION,
  'learner-group': LEARNER_GROUP,
  'staff-job-shadowing': STAFF_JOB_SHADOWING,
  'staff-teaching': STAFF_TEACHING,
  'staff-course': STAFF_COURSE,
  'invited-expert': INVITED_EXPERT,
  'hosting-educator': HOSTING_EDUCATOR,
  'preparatory-visit': PREPARATORY_VISIT,
};

/** The variant of learners' short-term mobility: the v2 checklist of the original (one-checklist) contract. */
export const CHECKLIST_V2: ChecklistTemplate = LEARNER_SHORT;

import { CHECKLIST_V1 } from './checklist-v1';
import type { ChecklistTemplate, TaskTemplate } from './template.types';

/*
 * Checklist version 2. Changes against v1:
 * - "Mobility marked Complete in the Beneficiary Module" is due by the last day abroad (T1), so it
 *   belongs to implementation: the participant report is sent only for records that are Complete
 *   when the end date is reached (reference §3.2 #9, §4.7 [rule]).
 * - The "Are you ready?" self-check is due about three months before departure (reference §3.2 #2,
 *   T0-3 months [practice]).
 * - A participant under 18 on the first day abroad needs their guardian's consent, given by the
 *   guardian (reference §3.2 #3 "authorisations (e.g. parental consent)", #8 "+guardian").
 */
const FIXED: Readonly<Record<string, Partial<TaskTemplate>>> = {
  'beneficiary-module-complete': { phase: 'implementation', due: { anchor: 'T1', offsetDays: 0 } },
  'readiness-self-check': { due: { anchor: 'T0', offsetDays: -90 } },
};

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

export const CHECKLIST_V2: ChecklistTemplate = {
  version: 2,
  tasks: CHECKLIST_V1.tasks.flatMap((t) => {
    const fixed: TaskTemplate = { ...t, ...FIXED[t.key] };
    return t.key === 'learner-dossier' ? [fixed, GUARDIAN_CONSENT] : [fixed];
  }),
};

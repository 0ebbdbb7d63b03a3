import { CURRENT_CHECKLIST } from '../checklist/checklist';
import type { TaskTemplate } from '../checklist/template.types';
import type { InsuranceCover } from '../insurance';
import type { MobilityFacts, TaskStatus } from './conditions';

/** One policy covering health, accident and third-party liability. */
export const FULL_INSURANCE: readonly InsuranceCover[] = [
  { kind: 'policy', insurer: 'Allianz', policyNumber: 'P-1', risks: ['health', 'accident', 'liability'] },
];

export interface FactsOptions {
  readonly host?: string | null;
  readonly hostCountry?: string | null;
  readonly placementConfirmed?: boolean;
  readonly status?: (task: TaskTemplate) => TaskStatus;
  readonly today?: string;
  readonly startDate?: string;
  readonly endDate?: string;
  readonly travelDays?: number;
  readonly actualEndDate?: string | null;
  readonly insurance?: readonly InsuranceCover[];
}

/**
 * Test facts for a mobility with the full current checklist; by default host set (in Spain),
 * placement confirmed, all done, fully insured, and today after the stay (1–28 June 2026).
 */
export function checklistFacts({
  host = 'host-1',
  hostCountry = 'ES',
  placementConfirmed = true,
  status = () => 'done',
  today = '2026-07-01',
  startDate = '2026-06-01',
  endDate = '2026-06-28',
  travelDays = 2,
  actualEndDate = null,
  insurance = FULL_INSURANCE,
}: FactsOptions = {}): MobilityFacts {
  return {
    hostOrganisationId: host,
    hostCountry: host === null ? null : hostCountry,
    today,
    startDate,
    endDate,
    travelDays,
    actualEndDate,
    insurance,
    placementConfirmed,
    tasks: CURRENT_CHECKLIST.tasks.map((t) => ({
      key: t.key,
      phase: t.phase,
      title: t.title,
      mandatory: t.mandatory,
      status: status(t),
    })),
  };
}

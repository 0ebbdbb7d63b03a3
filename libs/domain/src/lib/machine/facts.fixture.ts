import { CURRENT_CHECKLIST } from '../checklist/checklist';
import type { TaskTemplate } from '../checklist/template.types';
import type { MobilityFacts, TaskStatus } from './conditions';

export interface FactsOptions {
  readonly host?: string | null;
  readonly placementConfirmed?: boolean;
  readonly status?: (task: TaskTemplate) => TaskStatus;
}

/** Test facts for a mobility with the full current checklist; by default host set, placement confirmed, all done. */
export function checklistFacts({
  host = 'host-1',
  placementConfirmed = true,
  status = () => 'done',
}: FactsOptions = {}): MobilityFacts {
  return {
    hostOrganisationId: host,
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

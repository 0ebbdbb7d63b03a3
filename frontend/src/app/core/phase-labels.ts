import type { MobilityState } from '@mobility-hub/domain';

/** The name of each phase and final state, as the dashboard shows it. */
export const PHASE_LABELS: Readonly<Record<MobilityState, string>> = {
  application: 'Application',
  preparation: 'Preparation',
  implementation: 'Implementation',
  evaluation: 'Evaluation',
  finalisation: 'Finalisation',
  completed: 'Completed',
  withdrawn: 'Withdrawn',
};

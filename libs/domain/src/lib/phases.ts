/** The five phases of one learner's mobility (EUKCEM), in order. */
export const PHASES = ['application', 'preparation', 'implementation', 'evaluation', 'finalisation'] as const;
export type Phase = (typeof PHASES)[number];

/** Final states: a mobility there accepts no further event. */
export const FINAL_STATES = ['completed', 'withdrawn'] as const;
export type FinalState = (typeof FINAL_STATES)[number];

/** Every value a mobility's `phase` column can hold. */
export const MOBILITY_STATES = [...PHASES, ...FINAL_STATES] as const;
export type MobilityState = Phase | FinalState;

export function isPhase(value: unknown): value is Phase {
  return (PHASES as readonly unknown[]).includes(value);
}

export function isFinalState(value: unknown): value is FinalState {
  return (FINAL_STATES as readonly unknown[]).includes(value);
}

export function phaseIndex(phase: Phase): number {
  return PHASES.indexOf(phase);
}

export function nextPhase(phase: Phase): Phase | null {
  return PHASES[phaseIndex(phase) + 1] ?? null;
}

export function previousPhase(phase: Phase): Phase | null {
  const index = phaseIndex(phase);
  return index > 0 ? PHASES[index - 1] : null;
}

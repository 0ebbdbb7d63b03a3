import {
  FINAL_STATES,
  isFinalState,
  isPhase,
  MOBILITY_STATES,
  nextPhase,
  PHASES,
  phaseIndex,
  previousPhase,
} from './phases';

describe('phases', () => {
  it('lists the five phases in order, then the two final states', () => {
    expect(PHASES).toEqual(['application', 'preparation', 'implementation', 'evaluation', 'finalisation']);
    expect(FINAL_STATES).toEqual(['completed', 'withdrawn']);
    expect(MOBILITY_STATES).toEqual([...PHASES, ...FINAL_STATES]);
  });

  it('moves one phase forward and back, with nothing beyond either end', () => {
    expect(PHASES.map(nextPhase)).toEqual(['preparation', 'implementation', 'evaluation', 'finalisation', null]);
    expect(PHASES.map(previousPhase)).toEqual([null, 'application', 'preparation', 'implementation', 'evaluation']);
    expect(PHASES.map(phaseIndex)).toEqual([0, 1, 2, 3, 4]);
  });

  it('tells phases and final states apart', () => {
    for (const phase of PHASES) {
      expect(isPhase(phase)).toBe(true);
      expect(isFinalState(phase)).toBe(false);
    }
    for (const state of FINAL_STATES) {
      expect(isPhase(state)).toBe(false);
      expect(isFinalState(state)).toBe(true);
    }
    for (const other of ['', 'Application', 'draft', null, undefined, 0]) {
      expect(isPhase(other)).toBe(false);
      expect(isFinalState(other)).toBe(false);
    }
  });
});

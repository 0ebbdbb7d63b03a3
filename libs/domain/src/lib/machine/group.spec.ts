import { advanceBlockers } from './conditions';
import { checklistFacts } from './facts.fixture';

describe('a group mobility of learners travels accompanied (reference §1.3)', () => {
  const codes = (facts: Parameters<typeof advanceBlockers>[1]) =>
    advanceBlockers('preparation', facts).map((u) => u.code);

  it('refuses Implementation for a group without an accompanying person, naming the condition', () => {
    const facts = { ...checklistFacts(), activityType: 'LM-GROUP-VET' as const, accompanyingPersons: 0 };
    expect(codes(facts)).toEqual(['GROUP_NOT_ACCOMPANIED']);
    expect(advanceBlockers('preparation', facts)[0].message).toMatch(/accompanying person/);
  });

  it('lets an accompanied group go, and asks nothing of other activities', () => {
    expect(codes({ ...checklistFacts(), activityType: 'LM-GROUP-VET', accompanyingPersons: 1 })).toEqual([]);
    expect(codes({ ...checklistFacts(), activityType: 'LM-SHORT-VET', accompanyingPersons: 0 })).toEqual([]);
    expect(codes({ ...checklistFacts(), activityType: 'SM-JOB-SHDW', accompanyingPersons: 0 })).toEqual([]);
  });

  it('checks it only when leaving preparation', () => {
    const facts = { ...checklistFacts(), activityType: 'LM-GROUP-VET' as const, accompanyingPersons: 0 };
    expect(advanceBlockers('application', facts).map((u) => u.code)).not.toContain('GROUP_NOT_ACCOMPANIED');
  });
});

import { hostAnswersSince, isHostAnswerCurrent, nextSeenUpTo, type HostAnswerRecord } from './host-answers';

const declined: HostAnswerRecord = {
  answer: 'declined',
  hostOrganisationId: 'host-a',
  hostName: 'Talleres Castilla',
  answeredAt: '2026-12-03T10:00:00.000Z',
};
const confirmed: HostAnswerRecord = { ...declined, answer: 'confirmed' };

describe('whether a host answer is still news', () => {
  it('shows a decline while no other host has been chosen', () => {
    expect(
      isHostAnswerCurrent(declined, { hostOrganisationId: null, placementConfirmed: false, phase: 'application' }),
    ).toBe(true);
    expect(
      isHostAnswerCurrent(declined, { hostOrganisationId: 'host-b', placementConfirmed: false, phase: 'application' }),
    ).toBe(false);
  });

  it('shows a confirmation while that host is still the confirmed host', () => {
    expect(
      isHostAnswerCurrent(confirmed, { hostOrganisationId: 'host-a', placementConfirmed: true, phase: 'preparation' }),
    ).toBe(true);
    expect(
      isHostAnswerCurrent(confirmed, { hostOrganisationId: 'host-b', placementConfirmed: true, phase: 'preparation' }),
    ).toBe(false);
    expect(
      isHostAnswerCurrent(confirmed, { hostOrganisationId: 'host-a', placementConfirmed: false, phase: 'preparation' }),
    ).toBe(false);
    expect(
      isHostAnswerCurrent(
        { ...confirmed, hostOrganisationId: null },
        { hostOrganisationId: null, placementConfirmed: true, phase: 'preparation' },
      ),
    ).toBe(false);
  });

  it('shows nothing on a closed mobility', () => {
    for (const phase of ['completed', 'withdrawn'] as const) {
      expect(isHostAnswerCurrent(declined, { hostOrganisationId: null, placementConfirmed: false, phase })).toBe(false);
    }
  });
});

describe('answers since the last visit', () => {
  const now = new Date('2026-12-03T12:00:00.000Z');

  it('starts after what the person last saw, or 30 days back on a first visit', () => {
    const seen = new Date('2026-12-01T08:00:00.000Z');
    expect(hostAnswersSince(seen, now)).toEqual(seen);
    expect(hostAnswersSince(null, now)).toEqual(new Date('2026-11-03T12:00:00.000Z'));
  });

  it('moves "seen up to" forward only, and never past now', () => {
    const earlier = new Date('2026-12-02T00:00:00.000Z');
    const later = new Date('2026-12-03T11:00:00.000Z');
    expect(nextSeenUpTo(null, later, now)).toEqual(later);
    expect(nextSeenUpTo(later, earlier, now)).toEqual(later);
    expect(nextSeenUpTo(earlier, later, now)).toEqual(later);
    expect(nextSeenUpTo(null, new Date('2027-01-01T00:00:00.000Z'), now)).toEqual(now);
  });
});

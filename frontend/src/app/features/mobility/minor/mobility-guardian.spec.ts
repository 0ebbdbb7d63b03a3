import { ADULT_FILE, FileHarness, MOBILITY } from '@app/features/mobility/mobility.fixtures';
import { MobilityPage } from '@app/features/mobility/mobility-page';

const MINOR = {
  ...MOBILITY,
  participant: { ...MOBILITY.participant, dateOfBirth: '2009-05-01', ageAtStart: 17, minor: true },
};
const GUARDIAN = {
  name: 'Petra Fischer',
  email: 'petra@example.org',
  phone: '+49 201 555',
  relationship: 'parent' as const,
};

describe('MobilityGuardian (in the mobility file)', () => {
  let h: FileHarness<MobilityPage>;
  beforeEach(() => {
    h = new FileHarness(MobilityPage, true);
  });
  afterEach(() => h.http.verify());

  const text = (testId: string) =>
    h.el.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  it('shows a pending consent with the guardian, and re-sends the link', async () => {
    h.guardianFile = {
      ...ADULT_FILE,
      ageAtStart: 17,
      minor: true,
      guardian: GUARDIAN,
      consent: 'pending',
      linkExpiresAt: '2026-06-01T10:00:00.000Z',
    };
    await h.render(MINOR);
    expect(text('age-at-start')).toBe('17 (minor)');
    expect(text('consent-status')).toBe('Pending: waiting for the guardian');
    expect(text('guardian')).toContain('Petra Fischer (Parent)');
    h.button('Re-send consent link').click();
    await h.settle();
    h.expect1('POST', '/api/mobilities/m1/guardian/consent-link').flush({ sentTo: 'petra@example.org' });
    await h.settle();
    expect(h.el.textContent).toContain('A new consent link was sent to petra@example.org.');
  });

  it('shows who consented, when and from where; no re-send', async () => {
    h.guardianFile = {
      ...ADULT_FILE,
      ageAtStart: 17,
      minor: true,
      guardian: GUARDIAN,
      consent: 'given',
      lastAnswer: {
        answer: 'given',
        signedName: 'Petra Fischer',
        guardianEmail: 'petra@example.org',
        ip: '203.0.113.7',
        answeredAt: '2026-03-03T18:30:00.000Z',
      },
    };
    await h.render(MINOR);
    expect(text('consent-status')).toBe('Given');
    expect(text('consent-by')).toContain('Petra Fischer <petra@example.org>');
    expect(text('consent-by')).toContain('from 203.0.113.7');
    expect(h.el.textContent).not.toContain('Re-send consent link');
  });

  it('flags a minor without a guardian', async () => {
    h.guardianFile = { ...ADULT_FILE, ageAtStart: 17, minor: true, consent: 'no-guardian' };
    await h.render(MINOR);
    expect(text('consent-status')).toBe('Missing: name a guardian');
    expect(h.button('Name a guardian')).toBeTruthy();
  });
});

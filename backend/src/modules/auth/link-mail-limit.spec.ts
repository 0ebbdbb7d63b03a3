import { nextLinkMail } from './link-mail-limit';

describe('nextLinkMail', () => {
  const limit = { cooldownSeconds: 60, perHour: 5 };
  const at = (seconds: number) => new Date(Date.parse('2026-03-02T10:00:00Z') + seconds * 1000);

  it('lets the first mail go and remembers when', () => {
    expect(nextLinkMail([], at(0), limit)).toEqual({ allowed: true, sentAt: [at(0)] });
  });

  it('holds the next one for the cool-down, then lets it go', () => {
    expect(nextLinkMail([at(0)], at(59), limit)).toEqual({ allowed: false });
    expect(nextLinkMail([at(0)], at(60), limit)).toEqual({ allowed: true, sentAt: [at(0), at(60)] });
  });

  it('lets at most perHour go within a rolling hour, and forgets what is older', () => {
    const five = [0, 60, 120, 180, 240].map(at);
    expect(nextLinkMail(five, at(3599), limit)).toEqual({ allowed: false });
    expect(nextLinkMail(five, at(3600), limit)).toEqual({ allowed: true, sentAt: [...five.slice(1), at(3600)] });
  });

  it('counts a send the clock has not reached yet (a clock set back) as recent', () => {
    expect(nextLinkMail([at(30)], at(0), limit)).toEqual({ allowed: false });
  });

  it('takes a cool-down of 0 as none (the hourly limit still holds)', () => {
    const none = { cooldownSeconds: 0, perHour: 2 };
    expect(nextLinkMail([at(0)], at(0), none)).toEqual({ allowed: true, sentAt: [at(0), at(0)] });
    expect(nextLinkMail([at(0), at(0)], at(1), none)).toEqual({ allowed: false });
  });
});

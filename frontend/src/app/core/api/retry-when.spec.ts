import { retryWhen } from './retry-when';

describe('retryWhen', () => {
  const now = new Date(2027, 2, 1, 22, 7, 0).getTime();

  it('says the time and the wait in minutes', () => {
    expect(retryWhen({ retryAfterSeconds: 600 }, now)).toBe('after 22:17 (in about 10 minutes)');
    expect(retryWhen({ retryAfterSeconds: 60 }, now)).toBe('after 22:08 (in about a minute)');
    expect(retryWhen({ retryAfterSeconds: 20 }, now)).toBe('after 22:07 (in less than a minute)');
  });

  it('is null when the API said no time', () => {
    expect(retryWhen({}, now)).toBeNull();
  });
});

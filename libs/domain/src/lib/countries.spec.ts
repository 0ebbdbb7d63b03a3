import { defaultLocale, defaultTimeZone } from './countries';

describe('countries', () => {
  it('gives each participating country its main time zone and locale', () => {
    expect(defaultTimeZone('es')).toBe('Europe/Madrid');
    expect(defaultLocale('AT')).toBe('de-AT');
    expect(defaultLocale('NL')).toBe('nl-NL');
  });

  it('falls back to English in the country for one not listed', () => {
    expect(defaultTimeZone('US')).toBeUndefined();
    expect(defaultLocale('US')).toBe('en-US');
  });
});

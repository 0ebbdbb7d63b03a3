import {
  COUNTRY_NAMES,
  countryName,
  countryOptions,
  DEFAULT_TIME_ZONES,
  defaultLocale,
  defaultTimeZone,
  ERASMUS_COUNTRIES,
} from './countries';

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

  it('names countries by their ISO code, Czechia and Greece included', () => {
    expect(countryName('CZ')).toBe('Czechia');
    expect(countryName('gr')).toBe('Greece');
    expect(countryName('MK')).toBe('North Macedonia');
    expect(countryName('XX')).toBe('XX');
    expect(Object.keys(COUNTRY_NAMES)).toHaveLength(249);
    expect(Object.keys(COUNTRY_NAMES).every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
  });

  it('offers the Erasmus+ countries first, each list by name, every country once', () => {
    const { erasmus, other } = countryOptions();
    expect(erasmus.map((c) => c.code)).toHaveLength(ERASMUS_COUNTRIES.length);
    expect(erasmus.slice(0, 3).map((c) => c.name)).toEqual(['Austria', 'Belgium', 'Bulgaria']);
    expect(erasmus.find((c) => c.code === 'CZ')?.name).toBe('Czechia');
    expect(other.some((c) => c.code === 'CH')).toBe(true);
    expect(new Set([...erasmus, ...other].map((c) => c.code)).size).toBe(249);
    const names = other.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    // Every country with a default time zone has a name.
    expect(Object.keys(DEFAULT_TIME_ZONES).every((code) => COUNTRY_NAMES[code])).toBe(true);
  });
});

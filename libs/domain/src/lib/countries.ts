/**
 * The main IANA time zone of each country that takes part in Erasmus+ (EU member states, EEA
 * countries and third countries associated to the programme), plus the UK and Switzerland as
 * frequent host countries. An organisation elsewhere (or on the Canaries or the Azores) states its
 * time zone explicitly.
 */
export const DEFAULT_TIME_ZONES: Readonly<Record<string, string>> = {
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  CY: 'Asia/Nicosia',
  CZ: 'Europe/Prague',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  EE: 'Europe/Tallinn',
  ES: 'Europe/Madrid',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  GR: 'Europe/Athens',
  HR: 'Europe/Zagreb',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IT: 'Europe/Rome',
  LT: 'Europe/Vilnius',
  LU: 'Europe/Luxembourg',
  LV: 'Europe/Riga',
  MT: 'Europe/Malta',
  NL: 'Europe/Amsterdam',
  PL: 'Europe/Warsaw',
  PT: 'Europe/Lisbon',
  RO: 'Europe/Bucharest',
  SE: 'Europe/Stockholm',
  SI: 'Europe/Ljubljana',
  SK: 'Europe/Bratislava',
  IS: 'Atlantic/Reykjavik',
  LI: 'Europe/Vaduz',
  NO: 'Europe/Oslo',
  MK: 'Europe/Skopje',
  RS: 'Europe/Belgrade',
  TR: 'Europe/Istanbul',
  CH: 'Europe/Zurich',
  GB: 'Europe/London',
};

export function defaultTimeZone(country: string): string | undefined {
  return DEFAULT_TIME_ZONES[country.toUpperCase()];
}

/** Main language of each country above (BCP 47), for dates and, where a translation exists, text. */
const LANGUAGES: Readonly<Record<string, string>> = {
  AT: 'de',
  BE: 'nl',
  BG: 'bg',
  CY: 'el',
  CZ: 'cs',
  DE: 'de',
  DK: 'da',
  EE: 'et',
  ES: 'es',
  FI: 'fi',
  FR: 'fr',
  GR: 'el',
  HR: 'hr',
  HU: 'hu',
  IE: 'en',
  IT: 'it',
  LT: 'lt',
  LU: 'fr',
  LV: 'lv',
  MT: 'en',
  NL: 'nl',
  PL: 'pl',
  PT: 'pt',
  RO: 'ro',
  SE: 'sv',
  SI: 'sl',
  SK: 'sk',
  IS: 'is',
  LI: 'de',
  NO: 'nb',
  MK: 'mk',
  RS: 'sr',
  TR: 'tr',
  CH: 'de',
  GB: 'en',
};

/** The locale of an organisation in `country` (e.g. `de-AT`); English for a country not listed. */
export function defaultLocale(country: string): string {
  const code = country.toUpperCase();
  return `${LANGUAGES[code] ?? 'en'}-${code}`;
}

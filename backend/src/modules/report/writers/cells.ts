import { CellType, CellValue, isoDateCell, localTime } from '@mobility-hub/domain';

/** A column of any sheet: the mobility columns of libs/domain, and the Tasks and History columns here. */
export interface SheetColumn<T> {
  readonly header: string;
  readonly type: CellType;
  /** Width in characters. */
  readonly width: number;
  readonly value: (row: T) => CellValue;
}

export const DATE_FORMAT = 'yyyy-mm-dd';
export const INSTANT_FORMAT = 'yyyy-mm-dd hh:mm';

/** Offsets (ms) of a time zone by UTC hour: Intl is slow, and a report's instants share few hours. */
const offsets = new Map<string, number>();
const HOUR_MS = 3600 * 1000;

function offsetAt(hour: number, timeZone: string): number {
  const key = `${timeZone}|${hour}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    // The wall clock at the whole UTC hour (the domain's reading, as the reminders use it).
    const local = localTime(new Date(hour * HOUR_MS), timeZone);
    const [y, m, d] = local.date.split('-').map(Number);
    offset = Date.UTC(y, m - 1, d) + local.minutes * 60_000 - hour * HOUR_MS;
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/**
 * An instant as the school's wall-clock time, as a Date whose UTC fields are that time
 * (spreadsheets have no time zones: the cell shows what a clock at the school showed).
 * Time-zone offsets change on the hour (or half hour, at most every 15 minutes): the offset of the
 * instant's UTC hour is the offset of the instant for every zone whose changes fall on whole hours
 * in UTC, which is all of Europe.
 */
export function wallClockDate(instant: string, timeZone: string): Date {
  const ms = Date.parse(instant);
  return new Date(ms + offsetAt(Math.floor(ms / HOUR_MS), timeZone));
}

const utcDates = new Map<string, Date>();

/** A date (`YYYY-MM-DD`) as a Date at UTC midnight (what a date cell holds). */
export function utcDate(value: string): Date {
  let date = utcDates.get(value);
  if (!date) {
    const [y, m, d] = value.split('-').map(Number);
    date = new Date(Date.UTC(y, m - 1, d));
    if (utcDates.size > 100_000) utcDates.clear();
    utcDates.set(value, date);
  }
  return date;
}

/** The typed value of a spreadsheet cell. */
export function sheetCell(type: CellType, value: CellValue, timeZone: string): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null;
  switch (type) {
    case 'date': {
      const iso = isoDateCell(value);
      return iso ? utcDate(iso) : String(value);
    }
    case 'instant':
      return typeof value === 'string' ? wallClockDate(value, timeZone) : typeof value === 'number' ? value : null;
    case 'integer':
      return typeof value === 'number' ? value : Number(value);
    case 'yes-no':
      return value === true ? 'Yes' : value === false ? 'No' : String(value);
    case 'text':
      return String(value);
  }
}

/**
 * Text a spreadsheet program would run as a formula when it opens a CSV (OWASP "CSV injection"):
 * a name, reason or e-mail someone typed that starts with = + - @ or a tab / carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The text of a CSV field: dates and instants ISO (instants in UTC), yes-no as Yes/No; typed text
 * that would start a formula gets a leading apostrophe, so it stays text. (XLSX cells are typed:
 * a string there is never a formula.)
 */
export function csvCell(type: CellType, value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (type === 'yes-no') return value === true ? 'Yes' : value === false ? 'No' : String(value);
  const text = String(value);
  return type === 'text' && FORMULA_START.test(text) ? `'${text}` : text;
}

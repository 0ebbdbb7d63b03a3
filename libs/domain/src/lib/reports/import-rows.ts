import {
  ACTIVITY_TYPES,
  ActivityTypeCode,
  DurationLimits,
  isActivityTypeCode,
  RuleViolation,
  validateMobilityDates,
} from '../activity-types';
import { projectDateViolations } from '../calendar';
import { addDays, IsoDate, isIsoDate } from '../dates';
import {
  dateOfBirthViolations,
  GUARDIAN_RELATIONSHIPS,
  GuardianRelationship,
  guardianViolations,
  isLearnerActivity,
} from '../guardians';
import { travelViolations } from '../mobility-rules';
import { isMinorOn } from '../participants';
import { normaliseEmail } from '../persons';
import { IMPORT_COLUMNS, ReportColumn } from './columns';
import type { ImportCellError } from './report-rows';

/**
 * Bulk import of participants and mobilities: the pure part. A file's header is matched to the
 * import columns, each data row becomes typed values and the cell errors it has (row as the
 * spreadsheet numbers it, column by its header text, rule, message). The same domain rules as the
 * create-mobility request apply (dates, duration limits, project dates, travel days, date of birth,
 * guardian of a minor); what needs the database (persons, organisations, duplicates in the project)
 * is the backend's.
 */

/** A cell as the file reader gives it: text, a number, a boolean, an ISO date (Excel date cells), or empty. */
export type ImportCell = string | number | boolean | null;

const guardianColumn = (key: string, header: string, width: number): ReportColumn => ({
  key,
  header,
  type: 'text',
  width,
  import: 'optional',
  value: () => null,
});

/**
 * The guardian of a minor learner (under 18 on the first day abroad): required then, as on the
 * create-mobility request. Import-only columns (the BM does not hold them).
 */
export const GUARDIAN_IMPORT_COLUMNS: readonly ReportColumn[] = [
  guardianColumn('guardianName', 'Guardian name', 24),
  guardianColumn('guardianEmail', 'Guardian e-mail', 28),
  guardianColumn('guardianPhone', 'Guardian phone', 18),
  guardianColumn('guardianRelationship', 'Guardian relationship', 16),
];

/** Every column an import file may carry: the BM columns, then the guardian's. */
export const IMPORT_FILE_COLUMNS: readonly ReportColumn[] = [...IMPORT_COLUMNS, ...GUARDIAN_IMPORT_COLUMNS];

/** The template's columns: those the import reads (computed ones are left out, and skipped when present). */
export const IMPORT_TEMPLATE_COLUMNS: readonly ReportColumn[] = IMPORT_FILE_COLUMNS.filter(
  (c) => c.import !== 'ignored',
);

/** How the template's Instructions sheet describes each column's format, with an example. */
export const IMPORT_COLUMN_FORMATS: Readonly<Record<string, { readonly format: string; readonly example: string }>> = {
  activityType: {
    format: `activity-type code: ${Object.keys(ACTIVITY_TYPES).join(', ')}`,
    example: 'LM-SHORT-VET',
  },
  firstName: { format: 'text, at most 100 characters', example: 'Lena' },
  lastName: { format: 'text, at most 100 characters', example: 'Schmidt' },
  email: { format: 'e-mail address (a person of your school is found by it)', example: 'lena.schmidt@example.org' },
  dateOfBirth: { format: 'date YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY; required for learners', example: '2007-04-12' },
  fewerOpportunities: { format: 'Yes or No (empty: No)', example: 'No' },
  sendingOid: { format: 'OID, E + 8 digits (empty: your school)', example: 'E10000001' },
  sendingName: { format: 'your school or a partner it registered (empty: your school)', example: '' },
  receivingOid: { format: 'OID of a host your school registered, E + 8 digits', example: 'E10000002' },
  receivingName: {
    format: 'host name; a host not yet registered is registered with its country and city',
    example: 'Taller Valencia S.L.',
  },
  receivingCountry: { format: 'ISO country code, 2 letters', example: 'ES' },
  receivingCity: { format: 'text', example: 'Valencia' },
  startDate: { format: 'date: first day of the activity abroad, travel excluded', example: '2026-06-01' },
  endDate: { format: 'date: last day of the activity abroad, travel excluded', example: '2026-06-28' },
  travelDays: { format: 'whole number 0-2, up to 6 with green travel (empty: 0)', example: '2' },
  greenTravel: { format: 'Yes or No (empty: No)', example: 'Yes' },
  guardianName: { format: 'text; required when the learner is under 18 on the first day', example: 'Maria Huber' },
  guardianEmail: { format: 'e-mail address; the consent link is sent there', example: 'maria.huber@example.org' },
  guardianPhone: { format: 'text, at most 40 characters', example: '+43 660 1234567' },
  guardianRelationship: { format: GUARDIAN_RELATIONSHIPS.join(', '), example: 'parent' },
};

/** Headers compare without case and with runs of spaces as one. */
export function normaliseHeader(header: string): string {
  return header.trim().replace(/\s+/g, ' ').toLowerCase();
}

export interface HeaderMatch {
  /** Per file column: the import column's key it holds, or null (a computed column, or a blank header). */
  readonly keys: readonly (string | null)[];
  readonly missing: readonly string[];
  readonly unknown: readonly string[];
  readonly repeated: readonly string[];
}

/** Matches a file's header row to the import columns by header text (case and spaces aside). */
export function matchImportHeader(header: readonly string[]): HeaderMatch {
  const byHeader = new Map(IMPORT_FILE_COLUMNS.map((c) => [normaliseHeader(c.header), c]));
  const seen = new Set<string>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  const keys = header.map((text) => {
    const name = normaliseHeader(text);
    if (name === '') return null;
    const column = byHeader.get(name);
    if (!column) {
      unknown.push(text.trim());
      return null;
    }
    if (seen.has(column.key)) {
      repeated.push(column.header);
      return null;
    }
    seen.add(column.key);
    return column.import === 'ignored' ? null : column.key;
  });
  const missing = IMPORT_FILE_COLUMNS.filter((c) => c.import === 'required' && !seen.has(c.key)).map((c) => c.header);
  return { keys, missing, unknown, repeated };
}

/**
 * CSV injection: a cell a spreadsheet program would run as a formula. `=` or `@` first (after any
 * blanks or control characters) is one; `+` or `-` first is one unless the rest is only digits,
 * blanks and `( ) . , / -` — a negative number, a date or a phone number such as `+49 201 1234`.
 */
export function isFormulaText(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  const value = text.replace(/^[\s\u0000-\u001f]+/, '');
  if (value === '') return false;
  const first = value[0];
  if (first === '=' || first === '@') return true;
  if (first === '+' || first === '-') return !/^[+-][\d\s().,/-]*$/.test(value);
  return false;
}

/** The values of one data row, typed; null where the cell is empty or wrong (its error says which). */
export interface ImportRowValues {
  readonly activityType: ActivityTypeCode | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  /** Lower-case, trimmed. */
  readonly email: string | null;
  readonly dateOfBirth: IsoDate | null;
  readonly fewerOpportunities: boolean;
  readonly sendingOid: string | null;
  readonly sendingName: string | null;
  readonly receivingOid: string | null;
  readonly receivingName: string | null;
  /** Upper-case ISO 3166-1 alpha-2. */
  readonly receivingCountry: string | null;
  readonly receivingCity: string | null;
  readonly startDate: IsoDate | null;
  readonly endDate: IsoDate | null;
  readonly travelDays: number;
  readonly greenTravel: boolean;
  readonly guardian: {
    readonly name: string | null;
    readonly email: string | null;
    readonly phone: string | null;
    readonly relationship: GuardianRelationship | null;
  } | null;
}

export interface ImportRowContext {
  readonly project: { readonly startDate: IsoDate; readonly endDate: IsoDate };
  readonly durationLimits?: DurationLimits;
  /** Today in the school's zone (a date of birth cannot be later). */
  readonly today: IsoDate;
}

export interface ParsedImportRow {
  readonly row: number;
  readonly values: ImportRowValues;
  readonly errors: ImportCellError[];
}

const HEADER_OF: Readonly<Record<string, string>> = Object.fromEntries(
  IMPORT_FILE_COLUMNS.map((c) => [c.key, c.header]),
);

/** The header text of an import column key. */
export function importHeader(key: string): string {
  return HEADER_OF[key] ?? key;
}

/** The column a rule's field (a create-mobility request path) is shown in. */
const COLUMN_OF_FIELD: Readonly<Record<string, string>> = {
  activityType: 'activityType',
  startDate: 'startDate',
  endDate: 'endDate',
  travelDays: 'travelDays',
  greenTravel: 'greenTravel',
  'participant.firstName': 'firstName',
  'participant.lastName': 'lastName',
  'participant.email': 'email',
  'participant.dateOfBirth': 'dateOfBirth',
  guardian: 'guardianName',
  'guardian.name': 'guardianName',
  'guardian.email': 'guardianEmail',
  'guardian.phone': 'guardianPhone',
  'guardian.relationship': 'guardianRelationship',
  hostOrganisationId: 'receivingCountry',
  sendingOrganisationId: 'sendingName',
};

/** A domain rule's violations as cell errors of `row` (the field mapped to its column's header). */
export function cellErrorsOf(row: number, violations: readonly RuleViolation[]): ImportCellError[] {
  return violations.map((v) => ({
    row,
    column: importHeader(COLUMN_OF_FIELD[v.field] ?? v.field),
    rule: v.rule,
    message: v.message,
  }));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const OID = /^E\d{8}$/;
const COUNTRY = /^[A-Z]{2}$/;
const YES = new Set(['yes', 'y', 'true', '1', 'ja', 'j']);
const NO = new Set(['no', 'n', 'false', '0', 'nein']);

/** 1899-12-30 is Excel's day 0 (its 1900 leap-year bug makes day 60 the non-existent 1900-02-29). */
const EXCEL_EPOCH: IsoDate = '1899-12-30';

/** A date cell: `YYYY-MM-DD`, `DD.MM.YYYY`, `DD/MM/YYYY` (day first, as in Europe), or an Excel day number. */
export function parseImportDate(cell: ImportCell): IsoDate | null {
  if (typeof cell === 'number') {
    return Number.isInteger(cell) && cell > 60 && cell < 2_958_466 ? addDays(EXCEL_EPOCH, cell) : null;
  }
  if (typeof cell !== 'string') return null;
  const text = cell.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return isIsoDate(text) ? text : null;
  const european = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text);
  if (european && (text.match(/[./]/g) ?? []).every((sep) => sep === (text.includes('.') ? '.' : '/'))) {
    const iso = `${european[3]}-${european[2].padStart(2, '0')}-${european[1].padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : null;
  }
  return null;
}

/** A yes/no cell (Yes/No, Y/N, true/false, 1/0, Ja/Nein); undefined when it is neither. */
export function parseYesNo(cell: ImportCell): boolean | undefined {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : undefined;
  if (typeof cell !== 'string') return undefined;
  const text = cell.trim().toLowerCase();
  return YES.has(text) ? true : NO.has(text) ? false : undefined;
}

/** Our activity-type code for a cell holding ours or the BM's (case aside). */
export function parseActivityType(cell: ImportCell): ActivityTypeCode | null {
  if (typeof cell !== 'string') return null;
  const text = cell.trim().toUpperCase();
  if (isActivityTypeCode(text)) return text;
  const byBm = Object.values(ACTIVITY_TYPES).find((t) => t.bmCode !== null && t.bmCode.toUpperCase() === text);
  return byBm ? (byBm.code as ActivityTypeCode) : null;
}

function text(cell: ImportCell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  const value = String(cell).trim();
  return value === '' ? null : value;
}

/**
 * One data row: typed values and every cell error (format rules, then the domain's rules on the
 * values that could be read). `cells` maps import column keys to the row's cells.
 */
export function parseImportRow(
  row: number,
  cells: Readonly<Record<string, ImportCell>>,
  context: ImportRowContext,
): ParsedImportRow {
  const errors: ImportCellError[] = [];
  const fail = (key: string, rule: string, message: string) =>
    errors.push({ row, column: importHeader(key), rule, message });
  const required = (key: string): string | null => {
    const value = text(cells[key]);
    if (value === null) fail(key, 'required', `${importHeader(key)} is required`);
    return value;
  };
  const bounded = (key: string, value: string | null, max: number): string | null => {
    if (value !== null && value.length > max) {
      fail(key, `at most ${max} characters`, `${importHeader(key)} is longer than ${max} characters`);
      return null;
    }
    return value;
  };
  const date = (key: string, isRequired: boolean): IsoDate | null => {
    const raw = cells[key];
    if (text(raw) === null) {
      if (isRequired) fail(key, 'required', `${importHeader(key)} is required`);
      return null;
    }
    const parsed = parseImportDate(raw ?? null);
    if (parsed === null) {
      fail(key, 'date YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY', `${importHeader(key)} "${text(raw)}" is not a date`);
    }
    return parsed;
  };
  const yesNo = (key: string): boolean => {
    const raw = cells[key];
    if (text(raw) === null) return false;
    const parsed = parseYesNo(raw ?? null);
    if (parsed === undefined) fail(key, 'Yes or No', `${importHeader(key)} "${text(raw)}" is not Yes or No`);
    return parsed ?? false;
  };
  const email = (key: string, isRequired: boolean): string | null => {
    const value = isRequired ? required(key) : text(cells[key]);
    if (value === null) return null;
    if (!EMAIL.test(value) || value.length > 254) {
      fail(key, 'e-mail address', `${importHeader(key)} "${value}" is not an e-mail address`);
      return null;
    }
    return normaliseEmail(value);
  };
  const oid = (key: string): string | null => {
    const value = text(cells[key]);
    if (value === null) return null;
    if (!OID.test(value.toUpperCase())) {
      fail(key, 'OID format E + 8 digits', `${importHeader(key)} "${value}" is not an OID (E followed by 8 digits)`);
      return null;
    }
    return value.toUpperCase();
  };

  const activityRaw = required('activityType');
  const activityType = activityRaw === null ? null : parseActivityType(activityRaw);
  if (activityRaw !== null && activityType === null) {
    fail(
      'activityType',
      'activity-type code',
      `Activity type "${activityRaw}" is not one of ${Object.keys(ACTIVITY_TYPES).join(', ')}`,
    );
  }
  const firstName = bounded('firstName', required('firstName'), 100);
  const lastName = bounded('lastName', required('lastName'), 100);
  const participantEmail = email('email', true);
  const dateOfBirth = date('dateOfBirth', false);
  const fewerOpportunities = yesNo('fewerOpportunities');
  const sendingOid = oid('sendingOid');
  const sendingName = text(cells['sendingName']);
  const receivingOid = oid('receivingOid');
  const receivingName = bounded('receivingName', text(cells['receivingName']), 200);
  let receivingCountry = text(cells['receivingCountry'])?.toUpperCase() ?? null;
  if (receivingCountry !== null && !COUNTRY.test(receivingCountry)) {
    fail(
      'receivingCountry',
      'ISO country code',
      `Receiving country "${receivingCountry}" is not a 2-letter country code`,
    );
    receivingCountry = null;
  }
  const receivingCity = bounded('receivingCity', text(cells['receivingCity']), 200);
  const startDate = date('startDate', true);
  const endDate = date('endDate', true);
  const travelRaw = cells['travelDays'];
  let travelDays = 0;
  if (text(travelRaw ?? null) !== null) {
    const value = typeof travelRaw === 'number' ? travelRaw : Number(String(travelRaw).trim());
    if (!Number.isInteger(value) || value < 0 || value > 6) {
      fail(
        'travelDays',
        'whole number 0-6',
        `Funded travel days "${text(travelRaw ?? null)}" is not a whole number from 0 to 6`,
      );
    } else {
      travelDays = value;
    }
  }
  const greenTravel = yesNo('greenTravel');

  const guardianName = bounded('guardianName', text(cells['guardianName']), 200);
  const guardianEmail = email('guardianEmail', false);
  const guardianPhone = bounded('guardianPhone', text(cells['guardianPhone']), 40);
  const relationshipRaw = text(cells['guardianRelationship']);
  const relationship = relationshipRaw === null ? null : parseRelationship(relationshipRaw);
  if (relationshipRaw !== null && relationship === null) {
    fail(
      'guardianRelationship',
      GUARDIAN_RELATIONSHIPS.join(', '),
      `Guardian relationship "${relationshipRaw}" is not one of ${GUARDIAN_RELATIONSHIPS.join(', ')}`,
    );
  }
  const anyGuardian = [guardianName, guardianEmail, guardianPhone, relationship].some((v) => v !== null);
  const guardian = anyGuardian
    ? { name: guardianName, email: guardianEmail, phone: guardianPhone, relationship }
    : null;

  // The domain's rules, on what could be read (a cell with a format error is not judged twice).
  const hasError = (key: string) => errors.some((e) => e.column === importHeader(key));
  if (activityType && startDate && endDate) {
    errors.push(...cellErrorsOf(row, validateMobilityDates(activityType, startDate, endDate, context.durationLimits)));
  }
  if (startDate && endDate)
    errors.push(...cellErrorsOf(row, projectDateViolations({ startDate, endDate }, context.project)));
  if (!hasError('travelDays')) errors.push(...cellErrorsOf(row, travelViolations(travelDays, greenTravel)));
  if (activityType && !hasError('dateOfBirth')) {
    errors.push(...cellErrorsOf(row, dateOfBirthViolations(activityType, dateOfBirth, context.today)));
  }
  if (activityType && startDate && !hasError('dateOfBirth')) {
    const minor = isLearnerActivity(activityType) && isMinorOn(dateOfBirth, startDate);
    const guardianErrors = cellErrorsOf(row, guardianViolations(minor, guardian)).filter(
      (e) => !hasError(keyOf(e.column)),
    );
    errors.push(...guardianErrors);
  }

  return {
    row,
    values: {
      activityType,
      firstName,
      lastName,
      email: participantEmail,
      dateOfBirth,
      fewerOpportunities,
      sendingOid,
      sendingName,
      receivingOid,
      receivingName,
      receivingCountry,
      receivingCity,
      startDate,
      endDate,
      travelDays,
      greenTravel,
      guardian,
    },
    errors,
  };
}

function keyOf(header: string): string {
  return IMPORT_FILE_COLUMNS.find((c) => c.header === header)?.key ?? header;
}

function parseRelationship(value: string): GuardianRelationship | null {
  const normal = value.trim().toLowerCase().replace(/\s+/g, '-');
  return (GUARDIAN_RELATIONSHIPS as readonly string[]).includes(normal) ? (normal as GuardianRelationship) : null;
}

/** Two rows are the same mobility: the same person (address) with the same dates. */
export function importDuplicateKey(values: Pick<ImportRowValues, 'email' | 'startDate' | 'endDate'>): string | null {
  return values.email && values.startDate && values.endDate
    ? `${values.email}|${values.startDate}|${values.endDate}`
    : null;
}

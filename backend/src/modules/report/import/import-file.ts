import { HeaderMatch, ImportCell, isFormulaText, matchImportHeader, problemType } from '@mobility-hub/domain';
import { parse } from 'csv-parse/sync';
import * as ExcelJS from 'exceljs';
import { FieldError, ProblemException } from '../../../common/problem/problem';

/**
 * Reading an uploaded import file: what it is (by its content, never by its name), its header and
 * data rows as plain cells. Refuses — 422 `import-file-rejected`, every broken rule named — a file
 * that is neither CSV nor XLSX, a workbook with macros (a VBA project or macro sheets), any formula
 * (XLSX formula cells; text that a spreadsheet would run as one, see `isFormulaText`, in CSV and
 * XLSX alike), a header lacking a required column or carrying an unknown one, no data rows, or more
 * than `maxRows`. Used by the API (before anything is stored) and by the job (on the stored file).
 */

export type ImportFormat = 'xlsx' | 'csv';

export interface ImportDataRow {
  /** As the spreadsheet numbers it: the header is row 1. */
  readonly row: number;
  /** Import column key → cell (computed and blank-header columns left out). */
  readonly cells: Readonly<Record<string, ImportCell>>;
}

export interface ImportFile {
  readonly format: ImportFormat;
  readonly header: HeaderMatch;
  readonly rows: readonly ImportDataRow[];
}

export const MAX_LISTED_FILE_ERRORS = 20;

export function importFileRejected(errors: readonly FieldError[], detail?: string): ProblemException {
  const listed = errors.slice(0, MAX_LISTED_FILE_ERRORS);
  return new ProblemException({
    type: problemType('import-file-rejected'),
    title: 'File cannot be imported',
    status: 422,
    detail: detail ?? listed.map((e) => e.message).join('; '),
    errors: listed,
    ...(errors.length > listed.length ? { errorsOmitted: errors.length - listed.length } : {}),
  });
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The format by content: a zip holding a workbook is XLSX; UTF-8 text without NUL bytes is CSV. */
export function sniffFormat(content: Buffer): ImportFormat {
  if (content.subarray(0, 4).equals(ZIP_MAGIC)) {
    // Zip entry names are stored uncompressed in the local and central headers.
    if (
      content.includes('vbaProject.bin') ||
      content.includes('xl/macrosheets/') ||
      content.includes('xl/dialogsheets/')
    ) {
      throw importFileRejected([
        {
          field: 'file',
          rule: 'no macros',
          message: 'The workbook contains macros (a VBA project): save it as .xlsx without macros',
        },
      ]);
    }
    if (!content.includes('xl/workbook.xml')) {
      throw importFileRejected([
        { field: 'file', rule: 'CSV or XLSX', message: 'The file is a zip archive but not an Excel workbook (.xlsx)' },
      ]);
    }
    return 'xlsx';
  }
  if (content.includes(0)) throw notText();
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw notText();
  }
  return 'csv';
}

function notText(): ProblemException {
  return importFileRejected([
    {
      field: 'file',
      rule: 'CSV or XLSX',
      message:
        'The file is neither an Excel workbook (.xlsx) nor a CSV text file in UTF-8 (in Excel: save as "CSV UTF-8")',
    },
  ]);
}

/** Reads and checks a whole file; throws `import-file-rejected` (422) with every file-level error. */
export async function readImportFile(content: Buffer, maxRows: number): Promise<ImportFile> {
  const format = sniffFormat(content);
  const table = format === 'xlsx' ? await readXlsx(content) : readCsv(content);
  const errors: FieldError[] = [...table.formulas];
  const [headerCells = [], ...body] = table.rows;
  const header = matchImportHeader(headerCells.map((c) => (c === null ? '' : String(c))));
  for (const missing of header.missing) {
    errors.push({ field: missing, rule: 'required column', message: `The header lacks the column "${missing}"` });
  }
  for (const unknown of header.unknown) {
    errors.push({ field: unknown, rule: 'known column', message: `The column "${unknown}" is not an import column` });
  }
  for (const repeated of header.repeated) {
    errors.push({ field: repeated, rule: 'once', message: `The column "${repeated}" appears twice` });
  }
  const rows: ImportDataRow[] = [];
  body.forEach((cells, index) => {
    if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) return;
    const byKey: Record<string, ImportCell> = {};
    header.keys.forEach((key, column) => {
      if (key !== null) byKey[key] = cells[column] ?? null;
    });
    rows.push({ row: index + 2, cells: byKey });
  });
  if (rows.length > maxRows) {
    errors.push({
      field: 'file',
      rule: `at most ${maxRows} rows`,
      message: `The file has ${rows.length} data rows; at most ${maxRows} are imported at once`,
    });
  }
  if (errors.length) throw importFileRejected(errors);
  if (rows.length === 0) {
    throw importFileRejected([
      { field: 'file', rule: 'at least one row', message: 'The file has no data rows: nothing to import' },
    ]);
  }
  return { format, header, rows };
}

interface RawTable {
  readonly rows: ImportCell[][];
  readonly formulas: FieldError[];
}

/** Column letters of a 1-based column number (1 → A, 28 → AB). */
function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function formulaError(address: string): FieldError {
  return {
    field: address,
    rule: 'no formulas',
    message: `Cell ${address} holds a formula: import values only (paste as values)`,
  };
}

function readCsv(content: Buffer): RawTable {
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = ([';', ',', '\t'] as const)
    .map((d) => ({ d, n: firstLine.split(d).length }))
    .sort((a, b) => b.n - a.n)[0].d;
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    throw importFileRejected([
      { field: 'file', rule: 'CSV', message: `The CSV file cannot be read: ${(error as Error).message}` },
    ]);
  }
  const formulas: FieldError[] = [];
  const rows = records.map((record, r) =>
    record.map((cell, c) => {
      if (isFormulaText(cell)) formulas.push(formulaError(`${columnLetters(c + 1)}${r + 1}`));
      return cell === '' ? null : cell;
    }),
  );
  return { rows, formulas };
}

/**
 * What a workbook may hold once unpacked: 5,000 rows of the template's columns are ~2 MB of XML, so
 * 20 MB is generous — and stops a small, highly compressed file (a zip bomb) from being inflated
 * into memory by the reader.
 */
export const MAX_XLSX_UNPACKED_BYTES = 20 * 1024 * 1024;

/**
 * The unpacked size of a zip archive, summed from its central directory (no entry is inflated);
 * null when the directory cannot be read or uses ZIP64 (more than 4 GB: not a workbook of ours).
 */
export function zipUnpackedSize(content: Buffer): number | null {
  const EOCD = 0x06054b50;
  const ENTRY = 0x02014b50;
  // The end-of-central-directory record: 22 bytes, followed by a comment of at most 65,535.
  let end = -1;
  for (let i = content.length - 22; i >= Math.max(0, content.length - 22 - 65_535); i -= 1) {
    if (content.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = content.readUInt16LE(end + 10);
  let offset = content.readUInt32LE(end + 16);
  let total = 0;
  for (let n = 0; n < entries; n += 1) {
    if (offset + 46 > content.length || content.readUInt32LE(offset) !== ENTRY) return null;
    const size = content.readUInt32LE(offset + 24);
    if (size === 0xffffffff) return null;
    total += size;
    offset +=
      46 + content.readUInt16LE(offset + 28) + content.readUInt16LE(offset + 30) + content.readUInt16LE(offset + 32);
  }
  return total;
}

async function readXlsx(content: Buffer): Promise<RawTable> {
  const unpacked = zipUnpackedSize(content);
  if (unpacked === null || unpacked > MAX_XLSX_UNPACKED_BYTES) {
    throw importFileRejected([
      {
        field: 'file',
        rule: `at most ${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024} MB unpacked`,
        message:
          unpacked === null
            ? 'The Excel workbook cannot be read (its table of contents is damaged)'
            : `The Excel workbook unpacks to ${Math.ceil(unpacked / 1024 / 1024)} MB; split it into smaller files`,
      },
    ]);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw importFileRejected([
      { field: 'file', rule: 'CSV or XLSX', message: 'The file looks like an Excel workbook but cannot be read' },
    ]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) {
    throw importFileRejected([{ field: 'file', rule: 'a worksheet', message: 'The workbook has no worksheet' }]);
  }
  const formulas: FieldError[] = [];
  const rows: ImportCell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: ImportCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellValue(cell, () => formulas.push(formulaError(cell.address)));
    });
    rows[rowNumber - 1] = Array.from(cells, (c) => c ?? null);
  });
  return { rows: Array.from(rows, (r) => r ?? []), formulas };
}

function cellValue(cell: ExcelJS.Cell, formula: () => void): ImportCell {
  const value = cell.value;
  if (
    cell.type === ExcelJS.ValueType.Formula ||
    (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value))
  ) {
    formula();
    return null;
  }
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (isFormulaText(value)) formula();
    return value;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String((value as { text: unknown }).text);
    if ('error' in value) return null;
  }
  return String(value as unknown);
}

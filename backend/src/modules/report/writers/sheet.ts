import type * as ExcelJS from 'exceljs';
import { DATE_FORMAT, INSTANT_FORMAT, SheetColumn, sheetCell } from './cells';

type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * Writes one data sheet to a streaming workbook: bold header row, frozen below it, a filter over it,
 * column widths and number formats, one committed row per data row (nothing kept in memory).
 * Answers the rows written; `onRow` is called after each one.
 */
export async function writeDataSheet<T>(
  workbook: Workbook,
  name: string,
  columns: readonly SheetColumn<T>[],
  rows: AsyncIterable<T> | Iterable<T>,
  timeZone: string,
  onRow: () => void = () => undefined,
): Promise<number> {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  // One style object per column, shared by its cells: exceljs looks styles up by object identity
  // first, so a shared object costs one look-up per column instead of one per cell.
  const styles = columns.map((c) =>
    c.type === 'date' ? { numFmt: DATE_FORMAT } : c.type === 'instant' ? { numFmt: INSTANT_FORMAT } : {},
  );
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, columns.length) } };
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  let written = 0;
  for await (const row of rows) {
    // An empty value is left out (undefined): exceljs then makes no cell for it, and styles the rest.
    const added = sheet.addRow(columns.map((c) => sheetCell(c.type, c.value(row), timeZone) ?? undefined));
    added.eachCell((cell, column) => (cell.style = styles[column - 1]));
    added.commit();
    written += 1;
    onRow();
  }
  sheet.commit();
  return written;
}

/** A sheet of label/value rows and small tables (the Summary): written as given, first column bold. */
export function writeLabelSheet(
  workbook: Workbook,
  name: string,
  rows: ReadonlyArray<ReadonlyArray<string | number | Date | null>>,
  widths: readonly number[],
): void {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = widths.map((width) => ({ width }));
  for (const values of rows) {
    const row = sheet.addRow([...values]);
    if (values.length) row.getCell(1).font = { bold: true };
    row.commit();
  }
  sheet.commit();
}

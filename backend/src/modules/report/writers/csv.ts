import { stringify } from 'csv-stringify';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { csvCell, SheetColumn } from './cells';

/**
 * Writes rows as CSV to `out`: UTF-8 with a byte-order mark (so spreadsheet programs read the
 * accents right), a header line, `delimiter` between fields, dates ISO. Answers the rows written.
 */
export async function writeCsv<T>(
  out: Writable,
  columns: readonly SheetColumn<T>[],
  rows: AsyncIterable<T> | Iterable<T>,
  delimiter: string,
  onRow: () => void = () => undefined,
): Promise<number> {
  const csv = stringify({ delimiter, bom: true });
  csv.pipe(out);
  const done = once(out, 'finish');
  const write = async (record: string[]) => {
    if (!csv.write(record)) await once(csv, 'drain');
  };
  await write(columns.map((c) => c.header));
  let written = 0;
  for await (const row of rows) {
    await write(columns.map((c) => csvCell(c.type, c.value(row))));
    written += 1;
    onRow();
  }
  csv.end();
  await done;
  return written;
}

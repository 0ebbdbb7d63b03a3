import * as ExcelJS from 'exceljs';
import { ProblemException } from '../../../common/problem/problem';
import * as JSZip from 'jszip';
import { MAX_XLSX_UNPACKED_BYTES, readImportFile, sniffFormat, zipUnpackedSize } from './import-file';

const HEADER = ['Activity type', 'First name', 'Last name', 'E-mail', 'Start date', 'End date'];

async function rejection(content: Buffer, maxRows = 10): Promise<{ field: string; rule: string }[]> {
  try {
    await readImportFile(content, maxRows);
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemException);
    const problem = (error as ProblemException).problem;
    expect(problem).toMatchObject({ status: 422, type: expect.stringContaining('import-file-rejected') });
    return (problem.errors ?? []).map(({ field, rule }) => ({ field, rule }));
  }
  throw new Error('not rejected');
}

describe('import file', () => {
  it('reads CSV without BOM, with a tab delimiter, numbering rows as the spreadsheet does (blank lines skipped)', async () => {
    const text = [
      HEADER.join('\t'),
      'SM-TTA\tOle\tOne\to@example.org\t2026-12-01\t2026-12-05',
      '',
      '\t\t',
      'SM-TTA\t"Ole\nJr"\tTwo\tp@example.org\t2026-12-01\t2026-12-05',
    ].join('\n');
    const file = await readImportFile(Buffer.from(text, 'utf8'), 10);
    expect(file.format).toBe('csv');
    expect(file.rows.map((r) => [r.row, r.cells['firstName']])).toEqual([
      [2, 'Ole'],
      [5, 'Ole\nJr'],
    ]);
  });

  it('picks the delimiter of the header line among ; , and tab', async () => {
    for (const delimiter of [';', ',', '\t']) {
      const text = `\uFEFF${HEADER.join(delimiter)}\r\n${['SM-TTA', 'Ole', 'One', 'o@example.org', '1.12.2026', '5.12.2026'].join(delimiter)}\r\n`;
      const file = await readImportFile(Buffer.from(text, 'utf8'), 10);
      expect(file.rows[0].cells).toMatchObject({ activityType: 'SM-TTA', startDate: '1.12.2026' });
    }
  });

  it('types XLSX cells: dates as ISO dates, numbers, rich text as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Mobilities');
    sheet.addRow([...HEADER, 'Funded travel days']);
    sheet.addRow([
      'SM-TTA',
      { richText: [{ text: 'O' }, { text: 'le', font: { bold: true } }] },
      'One',
      'o@example.org',
      new Date(Date.UTC(2026, 11, 1)),
      new Date(Date.UTC(2026, 11, 5)),
      2,
    ]);
    const file = await readImportFile(Buffer.from(await workbook.xlsx.writeBuffer()), 10);
    expect(file.rows[0]).toEqual({
      row: 2,
      cells: {
        activityType: 'SM-TTA',
        firstName: 'Ole',
        lastName: 'One',
        email: 'o@example.org',
        startDate: '2026-12-01',
        endDate: '2026-12-05',
        travelDays: 2,
      },
    });
  });

  it('refuses a workbook that unpacks to more than the limit (a zip bomb) before inflating it', async () => {
    // A real workbook whose first sheet is replaced by 20 MB of one letter (compresses to a few KB).
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Mobilities').addRow(HEADER);
    const zip = await JSZip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
    const others = zipUnpackedSize(Buffer.from(await zip.generateAsync({ type: 'nodebuffer' }))) ?? 0;
    const sheetBefore = (await zip.file('xl/worksheets/sheet1.xml')?.async('nodebuffer'))?.length ?? 0;
    zip.file('xl/worksheets/sheet1.xml', 'a'.repeat(MAX_XLSX_UNPACKED_BYTES));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(zipUnpackedSize(bomb)).toBe(others - sheetBefore + MAX_XLSX_UNPACKED_BYTES);
    expect(await rejection(bomb)).toEqual([{ field: 'file', rule: 'at most 20 MB unpacked' }]);
    // Making the 20 MB bomb takes a few seconds on a busy machine: a generous timeout, not a speed test.
  }, 60_000);

  it('refuses other files, formulas, a wrong header, too many rows and none', async () => {
    expect(() => sniffFormat(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toThrow(ProblemException);
    expect(() => sniffFormat(Buffer.from('Ol\xe9', 'latin1'))).toThrow(ProblemException);
    expect(await rejection(Buffer.from(`${HEADER.join(';')}\n@SUM(A1);x;y;z;a;b\n`))).toEqual([
      { field: 'A2', rule: 'no formulas' },
    ]);
    expect(await rejection(Buffer.from('Activity type;Colour\nSM-TTA;red\n'))).toEqual(
      expect.arrayContaining([
        { field: 'First name', rule: 'required column' },
        { field: 'Colour', rule: 'known column' },
      ]),
    );
    const row = 'SM-TTA;Ole;One;o@example.org;2026-12-01;2026-12-05';
    expect(await rejection(Buffer.from(`${HEADER.join(';')}\n${row}\n${row}\n${row}\n`), 2)).toEqual([
      { field: 'file', rule: 'at most 2 rows' },
    ]);
    expect(await rejection(Buffer.from(`${HEADER.join(';')}\n;;;;;\n`))).toEqual([
      { field: 'file', rule: 'at least one row' },
    ]);
  });
});

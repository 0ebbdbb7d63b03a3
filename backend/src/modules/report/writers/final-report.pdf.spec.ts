import { Writable } from 'node:stream';
import type { ReportMobilityRow, ReportSummary } from '@mobility-hub/domain';
import { extractPdfText } from './testing/pdf-text';
import { fakeMobilityRows, fakeReportSource, plainSummary } from './testing/fake-report-source';
import { writeFinalReportPdf } from './final-report.pdf';
import type { ReportSource } from './report-writer';

async function render(
  source: ReportSource,
): Promise<{ pdf: Buffer; pages: string[]; progress: number[]; rows: number }> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const progress: number[] = [];
  const result = await writeFinalReportPdf(source, out, (rowsDone) => progress.push(rowsDone));
  expect(result.violations).toEqual([]);
  const pdf = Buffer.concat(chunks);
  return { pdf, pages: await extractPdfText(pdf), progress, rows: result.rows };
}

/** Whitespace-insensitive: table cells are separate text items. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

const summary: ReportSummary = {
  mobilities: 117,
  participants: 115,
  byActivityType: [
    { key: 'LM-SHORT-VET', count: 80 },
    { key: 'LM-LONG-VET', count: 25 },
    { key: 'SM-JOB-SHDW', count: 12 },
  ],
  byHostCountry: [
    { key: 'NO', count: 51 },
    { key: 'TR', count: 40 },
    { key: 'PL', count: 26 },
  ],
  byState: [
    { key: 'completed', count: 70 },
    { key: 'implementation', count: 33 },
    { key: 'withdrawn', count: 14 },
  ],
  daysAbroad: { total: 3042, average: 26.4 },
  greenTravel: { count: 40, share: 0.342 },
  fewerOpportunities: 29,
  withdrawals: [
    { participant: 'Zofia Żółkowska', reason: 'moved to Gdańsk' },
    { participant: 'Jürgen Groß', reason: null },
  ],
  interruptions: [
    { participant: 'Ayşe Çelik', reason: 'broken ankle', forceMajeure: true },
    { participant: 'Åsa Bjørnstad', reason: 'homesick', forceMajeure: false },
  ],
  participantReports: { requested: 88, submitted: 81 },
  tasks: { onTime: 4321, late: 210, open: 77, waived: 12 },
};

describe('writeFinalReportPdf', () => {
  let rows: ReportMobilityRow[];
  let rendered: Awaited<ReturnType<typeof render>>;

  beforeAll(async () => {
    rows = fakeMobilityRows(120);
    rendered = await render(fakeReportSource(rows, { summary }));
  });

  it('writes a PDF of several A4 pages with "Page n of m" in every footer', () => {
    const { pdf, pages } = rendered;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((text, i) => expect(flat(text)).toContain(`Page ${i + 1} of ${pages.length}`));
    expect(flat(pages[0])).toContain(`Page 1 of ${pages.length}`);
  });

  it('prints the cover: project, beneficiary, period, generated at (school time) and by', () => {
    const cover = flat(rendered.pages[0]);
    for (const expected of [
      'Final report',
      '2026-1-DE02-KA121-VET-000123456',
      'KA121-VET',
      'Berufskolleg Köln-Süd, Köln (DE)',
      'E10209012',
      '2026-06-01 – 2027-08-31',
      '15 September 2027',
      '16:30 (Europe/Berlin)',
      'Åsa Ødegård-Wiśniewska',
    ]) {
      expect(cover).toContain(expected);
    }
  });

  it('prints every summary figure', () => {
    const text = flat(rendered.pages.join('\n'));
    for (const figure of [
      'Mobilities 117',
      'Participants 115',
      'Days abroad, total 3,042',
      'Days abroad, average per mobility abroad 26.4',
      'Green travel 40 (34.2 %)',
      'Participants with fewer opportunities 29',
      'Withdrawals 2',
      'Interruptions 2',
      'Interruptions under force majeure 1',
      'Participant reports requested 88',
      'Participant reports submitted 81',
      'Completed on time 4,321',
      'Completed late 210',
      'Open 77',
      'Waived 12',
      'Short-term learning mobility of VET learners (LM-SHORT-VET) 80 68.4 %',
      'Job shadowing (SM-JOB-SHDW) 12 10.3 %',
      'Norway (NO) 51 43.6 %',
      'Türkiye (TR) 40',
      'Poland (PL) 26',
      'Completed 70',
      'Implementation 33',
      'Withdrawn 14',
      'Application 0',
      'Zofia Żółkowska moved to Gdańsk',
      'Jürgen Groß no reason recorded',
      'Ayşe Çelik broken ankle yes',
      'Åsa Bjørnstad homesick no',
    ]) {
      expect(text).toContain(figure);
    }
    // a long label wraps inside its cell
    expect(text).toMatch(/Long-term learning mobility of VET learners \(ErasmusPro\) \(LM-LONG- ?VET\) 25 21\.4 %/);
  });

  it('draws the bar charts with their numbers', () => {
    const text = flat(rendered.pages.join('\n'));
    expect(text).toMatch(/Mobilities per phase or status Application 0 Preparation 0 Implementation 33/);
    expect(text).toMatch(/Mobilities per host country Norway \(NO\) 51 Türkiye \(TR\) 40 Poland \(PL\) 26/);
  });

  it("lists every mobility's BM activity ID and participant, letters of every alphabet intact", () => {
    const text = flat(rendered.pages.join('\n'));
    for (const row of rows) {
      expect(text).toContain(row.bmActivityId);
      expect(text).toContain(`${row.participant.firstName} ${row.participant.lastName}`);
    }
    for (const name of [
      'Łukasz Wiśniewski1',
      'Şahin Yılmaz3',
      'Øyvind Ødegård5',
      'Ana Kovačević7',
      'Zofia Żółkowska2',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toContain('Şahin Otomotiv A.Ş.');
    expect(text).toContain('İzmir, TR');
    expect(text).toContain(
      '123456-MOB-00001 Łukasz Wiśniewski1 LM-SHORT-VET Ødegård Verksted AS Bergen, NO 2026-09-07 2026-10-02 26 Application',
    );
    expect(text).toContain('Implementation');
    expect(text).toContain('interrupted (FM)');
  });

  it('repeats the list header on each page of the list and ends with the signature block', () => {
    const listPages = rendered.pages.filter((p) => p.includes('123456-MOB-'));
    expect(listPages.length).toBeGreaterThan(2);
    for (const page of listPages) expect(flat(page)).toContain('BM activity ID Participant Activity type');
    const last = flat(rendered.pages[rendered.pages.length - 1]);
    expect(last).toContain('Signature of the legal representative');
    expect(last).toMatch(/Place .*Date .*Name of the legal representative .*Signature/);
  });

  it('reports progress as the mobility rows are written', () => {
    expect(rendered.rows).toBe(120);
    expect(rendered.progress).toEqual([100, 120]);
  });

  it('writes a valid report for a project without mobilities', async () => {
    const empty = await render(fakeReportSource([], { summary: plainSummary([]) }));
    expect(empty.rows).toBe(0);
    expect(empty.progress).toEqual([0]);
    const text = flat(empty.pages.join('\n'));
    expect(text).toContain('This project has no mobilities.');
    expect(text).toContain('Mobilities 0');
    expect(text).toContain('No withdrawals');
    expect(text).toContain('No mobilities yet.');
    expect(text).toContain(`Page ${empty.pages.length} of ${empty.pages.length}`);
  });

  it('breaks a long participant name over lines (after spaces and hyphens) rather than cutting it', async () => {
    const [row] = fakeMobilityRows(1);
    const long: ReportMobilityRow = {
      ...row,
      participant: { ...row.participant, firstName: 'Maria-Magdalena Żaneta', lastName: 'Wiśniewska-Kowalczyk' },
    };
    const { pages } = await render(fakeReportSource([long]));
    const text = flat(pages.join('\n'));
    expect(text).toMatch(/123456-MOB-00001 Maria-Magdalena Żaneta Wiśniewska- ?Kowalczyk LM-SHORT-VET/);
    expect(text).not.toContain('…');
  });
});

import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import PDFDocument = require('pdfkit');
import {
  ACTIVITY_TYPES,
  MOBILITY_STATES,
  durationDays,
  isActivityTypeCode,
  type ReportMobilityRow,
  type Tally,
} from '@mobility-hub/domain';
import type { ReportSource, ReportWriter, WriteResult } from './report-writer';

/**
 * The final report as a PDF for print (A4): a cover, the summary figures as tables and bar charts,
 * the list of mobilities and the legal representative's signature block; "Page n of m" in every
 * footer. pdfkit streams the file to `out` (and ends it); the pages are buffered until the end only
 * so that the footers can know the page count (≈ 60 pages for 2,000 mobilities).
 *
 * Text is set in DejaVu Sans (embedded, subset), which covers Latin Extended, Greek and Cyrillic:
 * Łukasz, Ødegård, Şahin, Kovačević print and can be searched and copied.
 */

type Doc = PDFKit.PDFDocument;

const MARGIN = 40;
const FOOTER = 24;
const REGULAR = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';
const TEXT_SIZE = 9;
const SMALL = 8;
const SHADE = '#eeeeee';
const RULE = '#888888';
const BAR = '#4d4d4d';
/** Progress is reported every this many mobility rows (and at the end). */
const PROGRESS_EVERY = 100;

let fonts: { regular: Buffer; bold: Buffer } | null = null;

/** The TTF files, read once per process (resolved from the package, so any cwd works). */
function loadFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

export const writeFinalReportPdf: ReportWriter = async (source, out, progress) => {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    autoFirstPage: true,
    info: {
      Title: `Final report ${source.project.reference}`,
      Author: source.project.beneficiary.name,
      Creator: 'Mobility Hub',
      CreationDate: source.generatedAt,
    },
  });
  doc.registerFont(REGULAR, regular);
  doc.registerFont(BOLD, bold);
  const done = finished(doc, out);

  try {
    const page = new Page(doc);
    cover(page, source);
    doc.addPage();
    summary(page, source);
    charts(page, source);
    doc.addPage();
    const rows = await mobilityList(page, source, progress);
    signatureBlock(page, source);
    footers(page, source);
    doc.end();
    await done;
    progress(rows);
    return { rows, violations: [] } satisfies WriteResult;
  } catch (error) {
    doc.unpipe(out);
    out.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
};

/** Resolves once `out` has taken the whole file (pdfkit ends it), rejects on either side's error. */
function finished(doc: Doc, out: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    doc.on('error', reject);
    out.on('error', reject);
    out.on('finish', () => resolve());
    doc.pipe(out);
  });
}

/** Geometry and the few drawing primitives every part uses. */
class Page {
  readonly left = MARGIN;
  readonly width: number;

  constructor(readonly doc: Doc) {
    this.width = doc.page.width - 2 * MARGIN;
  }

  get right(): number {
    return this.left + this.width;
  }

  get bottom(): number {
    return this.doc.page.height - MARGIN - FOOTER;
  }

  /** Starts a new page when fewer than `height` points are left on this one; true when it did. */
  ensure(height: number): boolean {
    if (this.doc.y + height <= this.bottom) return false;
    this.doc.addPage();
    return true;
  }

  font(bold: boolean, size = TEXT_SIZE): this {
    this.doc.font(bold ? BOLD : REGULAR).fontSize(size);
    return this;
  }

  /** One line at (x, y), no wrapping (fast: no line wrapper); right-aligned to x when asked. */
  put(text: string, x: number, y: number, align: 'left' | 'right' = 'left'): void {
    const at = align === 'right' ? x - this.doc.widthOfString(text) : x;
    this.doc.text(text, at, y, { lineBreak: false });
  }

  /** `text` cut with an ellipsis to fit `width` in the current font. */
  fit(text: string, width: number): string {
    if (this.doc.widthOfString(text) <= width) return text;
    let low = 0;
    let high = text.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (this.doc.widthOfString(`${text.slice(0, mid)}…`) <= width) low = mid;
      else high = mid - 1;
    }
    return `${text.slice(0, low).trimEnd()}…`;
  }

  /**
   * `text` on at most `maxLines` lines of `width`, broken after spaces and hyphens; what does not
   * fit on the last line is cut with an ellipsis.
   */
  wrapLines(text: string, width: number, maxLines: number): string[] {
    if (this.doc.widthOfString(text) <= width) return [text];
    const tokens = text.split(/(?<=[ -])/);
    const lines: string[] = [];
    let current = '';
    for (let i = 0; i < tokens.length; i++) {
      if (lines.length === maxLines - 1) {
        lines.push(this.fit((current + tokens.slice(i).join('')).trim(), width));
        return lines;
      }
      const candidate = current + tokens[i];
      if (!current || this.doc.widthOfString(candidate.trimEnd()) <= width) {
        current = candidate;
      } else {
        lines.push(this.fit(current.trimEnd(), width));
        current = tokens[i];
      }
    }
    if (current) lines.push(this.fit(current.trimEnd(), width));
    return lines;
  }

  shade(x: number, y: number, width: number, height: number): void {
    this.doc.save().rect(x, y, width, height).fill(SHADE).restore();
  }

  line(y: number, x1 = this.left, x2 = this.right, color = RULE): void {
    this.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(0.5).strokeColor(color).stroke().restore();
  }

  heading(text: string, size = 13): void {
    this.ensure(size + 60);
    this.doc.moveDown(0.6);
    this.font(true, size);
    this.doc.text(text, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
    this.font(false);
  }

  paragraph(text: string, size = TEXT_SIZE): void {
    this.font(false, size);
    this.ensure(this.doc.heightOfString(text, { width: this.width }) + 4);
    this.doc.text(text, this.left, this.doc.y, { width: this.width });
  }
}

// ——— Formatting ———

const numbers = new Intl.NumberFormat('en-GB');
const decimals = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const int = (n: number): string => numbers.format(n);
const percent = (share: number): string => `${decimals.format(share * 100)} %`;
const shareOf = (count: number, total: number): string => (total > 0 ? percent(count / total) : '—');

function instant(at: Date, timeZone: string): string {
  const format = (zone: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, dateStyle: 'long', timeStyle: 'short' }).format(at);
  try {
    return `${format(timeZone)} (${timeZone})`;
  } catch {
    return `${format('UTC')} (UTC)`;
  }
}

let regions: Intl.DisplayNames | null = null;
function countryName(code: string): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return code === '—' ? 'No host yet' : code;
  try {
    regions ??= new Intl.DisplayNames(['en'], { type: 'region' });
    const name = regions.of(code.toUpperCase());
    return name && name !== code.toUpperCase() ? `${name} (${code.toUpperCase()})` : code.toUpperCase();
  } catch {
    return code.toUpperCase();
  }
}

function activityLabel(code: string): string {
  return isActivityTypeCode(code) ? `${ACTIVITY_TYPES[code].label} (${code})` : code;
}

const stateLabel = (state: string): string => state.charAt(0).toUpperCase() + state.slice(1);

/** Every state in lifecycle order (zeros included), then any key the lifecycle does not know. */
function statesInOrder(byState: Tally): Array<{ key: string; count: number }> {
  const counts = new Map(byState.map((t) => [t.key, t.count]));
  const known: string[] = [...MOBILITY_STATES];
  return [
    ...known.map((key) => ({ key, count: counts.get(key) ?? 0 })),
    ...byState.filter((t) => !known.includes(t.key)).map((t) => ({ key: t.key, count: t.count })),
  ];
}

// ——— Cover ———

function cover(page: Page, source: ReportSource): void {
  const { doc } = page;
  const { project } = source;
  doc.y = 170;
  page.font(false, 12);
  doc.text('Erasmus+ Key Action 1 — Vocational education and training', page.left, doc.y, { width: page.width });
  doc.moveDown(0.5);
  page.font(true, 30);
  doc.text('Final report', page.left, doc.y, { width: page.width });
  doc.moveDown(0.2);
  page.font(false, 14);
  doc.text(project.reference, page.left, doc.y, { width: page.width });
  doc.moveDown(2);
  page.line(doc.y);
  doc.moveDown(1);

  const beneficiary = `${project.beneficiary.name}${project.beneficiary.city ? `, ${project.beneficiary.city}` : ''} (${project.beneficiary.country})`;
  const facts: Array<[string, string]> = [
    ['Project reference', project.reference],
    ['Action', project.action],
    ['Call year', String(project.callYear)],
    ['Beneficiary', beneficiary],
    ['Beneficiary OID', project.beneficiary.oid ?? 'not registered'],
    ['Project period', `${project.startDate} – ${project.endDate}`],
    ['Mobilities', int(source.summary.mobilities)],
    ['Generated at', instant(source.generatedAt, source.timeZone)],
    ['Generated by', source.generatedBy],
  ];
  const labelWidth = 130;
  for (const [label, value] of facts) {
    const y = doc.y;
    page.font(true, 11);
    doc.text(label, page.left, y, { width: labelWidth });
    page.font(false, 11);
    doc.text(value, page.left + labelWidth, y, { width: page.width - labelWidth });
    doc.moveDown(0.5);
  }
}

// ——— Summary tables ———

interface Column {
  readonly header: string;
  /** Share of the content width (the columns' shares add up to 1). */
  readonly share: number;
  readonly align?: 'left' | 'right';
}

/** A table with wrapped cells; its header is repeated when it continues on a new page. */
function table(page: Page, columns: readonly Column[], rows: readonly string[][], empty: string): void {
  const { doc } = page;
  const pad = 3;
  const widths = columns.map((c) => c.share * page.width);
  const xs = widths.map((_, i) => page.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const heightOf = (cells: readonly string[], bold: boolean) => {
    page.font(bold);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i] - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: readonly string[], bold: boolean, height: number) => {
    const y = doc.y;
    page.font(bold);
    cells.forEach((cell, i) => {
      doc.text(cell, xs[i] + pad, y + pad, { width: widths[i] - 2 * pad, align: columns[i].align ?? 'left' });
    });
    doc.y = y + height;
    page.line(doc.y, page.left, page.right, bold ? '#000000' : '#cccccc');
  };
  const header = columns.map((c) => c.header);
  const headerHeight = heightOf(header, true);
  const body = rows.length ? rows : [[empty, ...columns.slice(1).map(() => '')]];
  page.ensure(headerHeight + heightOf(body[0], false));
  drawRow(header, true, headerHeight);
  body.forEach((cells, index) => {
    const height = heightOf(cells, false);
    if (page.ensure(height)) drawRow(header, true, headerHeight);
    if (index % 2 === 1) page.shade(page.left, doc.y, page.width, height);
    drawRow(cells, false, height);
  });
  doc.x = page.left;
  doc.moveDown(0.5);
}

function summary(page: Page, source: ReportSource): void {
  const s = source.summary;
  const forceMajeure = s.interruptions.filter((i) => i.forceMajeure).length;
  page.heading('Summary', 16);
  page.paragraph(
    'Figures for the mobilities of participants; accompanying persons are listed with the mobilities but not counted here. ' +
      'Days abroad count the planned dates of stays not yet over, and the actual last day after an interruption.',
    SMALL,
  );
  page.doc.moveDown(0.4);

  table(
    page,
    [
      { header: 'Figure', share: 0.7 },
      { header: 'Value', share: 0.3, align: 'right' },
    ],
    [
      ['Mobilities', int(s.mobilities)],
      ['Participants', int(s.participants)],
      ['Days abroad, total', int(s.daysAbroad.total)],
      ['Days abroad, average per mobility abroad', decimals.format(s.daysAbroad.average)],
      ['Green travel', `${int(s.greenTravel.count)} (${percent(s.greenTravel.share)})`],
      ['Participants with fewer opportunities', int(s.fewerOpportunities)],
      ['Withdrawals', int(s.withdrawals.length)],
      ['Interruptions', int(s.interruptions.length)],
      ['Interruptions under force majeure', int(forceMajeure)],
      ['Participant reports requested', int(s.participantReports.requested)],
      ['Participant reports submitted', int(s.participantReports.submitted)],
    ],
    '',
  );

  page.heading('Checklist tasks');
  table(
    page,
    [
      { header: 'Tasks', share: 0.7 },
      { header: 'Number', share: 0.3, align: 'right' },
    ],
    [
      ['Completed on time', int(s.tasks.onTime)],
      ['Completed late', int(s.tasks.late)],
      ['Open', int(s.tasks.open)],
      ['Waived', int(s.tasks.waived)],
    ],
    '',
  );

  const tally = (title: string, header: string, entries: Tally, label: (key: string) => string) => {
    page.heading(title);
    table(
      page,
      [
        { header, share: 0.64 },
        { header: 'Mobilities', share: 0.18, align: 'right' },
        { header: 'Share', share: 0.18, align: 'right' },
      ],
      entries.map((t) => [label(t.key), int(t.count), shareOf(t.count, s.mobilities)]),
      'No mobilities',
    );
  };
  tally('Mobilities by activity type', 'Activity type', s.byActivityType, activityLabel);
  tally('Mobilities by host country', 'Host country', s.byHostCountry, countryName);
  tally('Mobilities by phase or status', 'Phase / status', statesInOrder(s.byState), stateLabel);

  page.heading('Withdrawals');
  table(
    page,
    [
      { header: 'Participant', share: 0.35 },
      { header: 'Reason', share: 0.65 },
    ],
    s.withdrawals.map((w) => [w.participant, w.reason ?? 'no reason recorded']),
    'No withdrawals',
  );

  page.heading('Interruptions');
  table(
    page,
    [
      { header: 'Participant', share: 0.3 },
      { header: 'Reason', share: 0.5 },
      { header: 'Force majeure', share: 0.2 },
    ],
    s.interruptions.map((i) => [i.participant, i.reason ?? 'no reason recorded', i.forceMajeure ? 'yes' : 'no']),
    'No interruptions',
  );
}

// ——— Charts ———

/** Horizontal bars in grey with the number printed after each bar: readable without colour. */
function barChart(page: Page, title: string, entries: ReadonlyArray<{ label: string; count: number }>): void {
  const { doc } = page;
  const barHeight = 11;
  const gap = 5;
  page.heading(title);
  if (!entries.length || entries.every((e) => e.count === 0)) {
    page.paragraph('No mobilities yet.');
    return;
  }
  const labelWidth = 150;
  const numberWidth = 40;
  const barWidth = page.width - labelWidth - numberWidth - 8;
  const max = Math.max(...entries.map((e) => e.count));
  for (const entry of entries) {
    page.ensure(barHeight + gap);
    const y = doc.y;
    page.font(false);
    page.put(page.fit(entry.label, labelWidth - 6), page.left, y + 1);
    const width = (entry.count / max) * barWidth;
    const x = page.left + labelWidth;
    doc.save().rect(x, y, barWidth, barHeight).lineWidth(0.3).strokeColor('#bbbbbb').stroke().restore();
    if (width > 0) doc.save().rect(x, y, width, barHeight).fill(BAR).restore();
    page.font(true);
    page.put(int(entry.count), x + width + 4, y + 1);
    doc.y = y + barHeight + gap;
  }
  doc.x = page.left;
}

function charts(page: Page, source: ReportSource): void {
  const s = source.summary;
  page.ensure(200);
  barChart(
    page,
    'Mobilities per phase or status',
    statesInOrder(s.byState).map((t) => ({ label: stateLabel(t.key), count: t.count })),
  );
  barChart(
    page,
    'Mobilities per host country',
    s.byHostCountry.map((t) => ({ label: countryName(t.key), count: t.count })),
  );
}

// ——— The list of mobilities ———

interface ListColumn {
  readonly header: string;
  readonly width: number;
  readonly align?: 'left' | 'right';
  /** Two lines per cell: the main value and a detail. */
  readonly cell: (row: ReportMobilityRow) => [string, string];
}

/** Widths in points (A4 portrait less the margins: 515), measured for DejaVu Sans 8 pt. */
const LIST_COLUMNS: readonly ListColumn[] = [
  { header: 'BM activity ID', width: 87, cell: (r) => [r.bmActivityId, ''] },
  {
    header: 'Participant',
    width: 97,
    cell: (r) => [`${r.participant.firstName} ${r.participant.lastName}`, r.accompanying ? 'accompanying person' : ''],
  },
  { header: 'Activity type', width: 70, cell: (r) => [r.bmActivityType ?? r.activityType, ''] },
  {
    header: 'Host, country',
    width: 108,
    cell: (r) =>
      r.receiving
        ? [r.receiving.name, [r.receiving.city, r.receiving.country].filter(Boolean).join(', ')]
        : ['no host yet', ''],
  },
  { header: 'Start – end', width: 53, cell: (r) => [r.startDate, r.endDate] },
  { header: 'Days', width: 28, align: 'right', cell: (r) => [String(durationDays(r)), ''] },
  {
    header: 'State',
    width: 72,
    cell: (r) => [
      stateLabel(r.state),
      r.actualEndDate ? (r.forceMajeure ? 'interrupted (FM)' : 'interrupted') : r.forceMajeure ? 'force majeure' : '',
    ],
  },
];

async function mobilityList(page: Page, source: ReportSource, progress: (rowsDone: number) => void): Promise<number> {
  const { doc } = page;
  const pad = 3;
  const line = 10;
  const scale = page.width / LIST_COLUMNS.reduce((sum, c) => sum + c.width, 0);
  const widths = LIST_COLUMNS.map((c) => c.width * scale);
  const xs = widths.map((_, i) => page.left + widths.slice(0, i).reduce((a, b) => a + b, 0));

  page.heading('Mobilities', 16);
  page.paragraph(
    'Days: the BM duration — first and last day counted, travel days excluded, an interruption deducted. FM: force majeure.',
    SMALL,
  );
  doc.moveDown(0.4);

  const header = () => {
    const y = doc.y;
    page.font(true, SMALL);
    LIST_COLUMNS.forEach((c, i) => {
      const x = c.align === 'right' ? xs[i] + widths[i] - pad : xs[i] + pad;
      page.put(c.header, x, y + pad, c.align);
    });
    doc.y = y + line + 2 * pad;
    page.line(doc.y, page.left, page.right, '#000000');
  };

  header();
  let rows = 0;
  for await (const row of source.mobilities()) {
    page.font(false, SMALL);
    // Each cell: its main value (wrapped over up to 3 lines, e.g. long names), then a detail line.
    const cells = LIST_COLUMNS.map((c, i) => {
      const [main, detail] = c.cell(row);
      const inner = widths[i] - 2 * pad;
      const mains = page.wrapLines(main, inner, detail ? 2 : 3);
      return { mains, detail: detail ? page.fit(detail, inner) : '' };
    });
    const lines = Math.max(2, ...cells.map((c) => c.mains.length + (c.detail ? 1 : 0)));
    const rowHeight = lines * line + 2 * pad;
    if (page.ensure(rowHeight)) header();
    const y = doc.y;
    if (rows % 2 === 1) page.shade(page.left, y, page.width, rowHeight);
    page.font(false, SMALL);
    cells.forEach(({ mains, detail }, i) => {
      const align = LIST_COLUMNS[i].align;
      const x = align === 'right' ? xs[i] + widths[i] - pad : xs[i] + pad;
      mains.forEach((text, n) => page.put(text, x, y + pad + n * line, align));
      if (detail) {
        doc.fillColor('#333333');
        page.put(detail, x, y + pad + mains.length * line, align);
        doc.fillColor('#000000');
      }
    });
    doc.y = y + rowHeight;
    rows += 1;
    if (rows % PROGRESS_EVERY === 0) progress(rows);
  }
  doc.x = page.left;
  if (rows === 0) {
    doc.moveDown(0.5);
    page.paragraph('This project has no mobilities.', 11);
  } else {
    page.line(doc.y, page.left, page.right, '#000000');
    doc.moveDown(0.5);
  }
  return rows;
}

// ——— Signature block and footers ———

function signatureBlock(page: Page, source: ReportSource): void {
  const { doc } = page;
  page.ensure(230);
  page.heading('Signature of the legal representative', 13);
  page.paragraph(
    `I confirm that the information in this final report on project ${source.project.reference} is correct and complete to the best of my knowledge.`,
    10,
  );
  doc.moveDown(1.5);
  const fields = ['Place', 'Date', 'Name of the legal representative', 'Signature'];
  const labelWidth = 170;
  for (const field of fields) {
    const height = field === 'Signature' ? 44 : 26;
    const y = doc.y + height;
    page.font(false, 10);
    page.put(field, page.left, y - 12);
    page.line(y, page.left + labelWidth, page.right, '#000000');
    doc.y = y + 10;
  }
  page.font(false, SMALL);
  page.put(`Beneficiary: ${source.project.beneficiary.name}`, page.left, doc.y + 6);
  doc.x = page.left;
}

function footers(page: Page, source: ReportSource): void {
  const { doc } = page;
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0; // writing below the bottom margin must not open a new page
    const y = doc.page.height - MARGIN - 8;
    page.line(y - 4, page.left, page.right, RULE);
    page.font(false, SMALL);
    doc.fillColor('#000000');
    page.put(page.fit(`Final report — ${source.project.reference}`, page.width - 90), page.left, y);
    page.put(`Page ${i - start + 1} of ${count}`, page.right, y, 'right');
  }
}

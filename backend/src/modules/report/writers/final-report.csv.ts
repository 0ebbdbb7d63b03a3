import { MOBILITY_SHEET_COLUMNS } from '@mobility-hub/domain';
import { writeCsv } from './csv';
import type { ReportWriter } from './report-writer';

/** The final report's Mobilities sheet as CSV (UTF-8 with BOM, `;` unless chosen, dates ISO). */
export const writeFinalReportCsv: ReportWriter = async (source, out, progress) => {
  let rows = 0;
  await writeCsv(out, MOBILITY_SHEET_COLUMNS, source.mobilities(), source.options.delimiter, () => progress(++rows));
  return { rows, violations: [] };
};

import type { DurationLimits } from '@mobility-hub/domain';
import { bmMobilitiesCsv } from './bm-mobilities.csv';
import { bmMobilitiesXlsx } from './bm-mobilities.xlsx';
import { writeFinalReportCsv } from './final-report.csv';
import { writeFinalReportPdf } from './final-report.pdf';
import { writeFinalReportXlsx } from './final-report.xlsx';
import type { ReportWriter, WriterKey } from './report-writer';

/** Every export's writer, by `<kind>.<format>` (the BM rules read the configured duration limits). */
export function reportWriters(durationLimits: DurationLimits): Record<WriterKey, ReportWriter> {
  return {
    'final-report.xlsx': writeFinalReportXlsx,
    'final-report.csv': writeFinalReportCsv,
    'final-report.pdf': writeFinalReportPdf,
    'bm-mobilities.xlsx': bmMobilitiesXlsx(durationLimits),
    'bm-mobilities.csv': bmMobilitiesCsv(durationLimits),
    // No BM export as PDF (the API refuses it with 400); here for the record's completeness.
    'bm-mobilities.pdf': async () => {
      throw new Error('The BM export has no PDF format.');
    },
  };
}

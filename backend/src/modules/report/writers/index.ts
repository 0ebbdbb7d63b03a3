import type { DurationLimits } from '@mobility-hub/domain';
import { bmMobilitiesCsv } from './bm-mobilities.csv';
import { bmMobilitiesXlsx } from './bm-mobilities.xlsx';
import { writeFinalReportCsv } from './final-report.csv';
import { writeFinalReportXlsx } from './final-report.xlsx';
import type { ReportWriter, WriterKey } from './report-writer';

/** Until the PDF writer is wired in: the job fails with this message (a clear error, never a half file). */
export const PDF_NOT_AVAILABLE = 'The PDF final report is not available in this build yet.';

const pdfPending: ReportWriter = async () => {
  throw new Error(PDF_NOT_AVAILABLE);
};

/** Every export's writer, by `<kind>.<format>` (the BM rules read the configured duration limits). */
export function reportWriters(durationLimits: DurationLimits): Record<WriterKey, ReportWriter> {
  return {
    'final-report.xlsx': writeFinalReportXlsx,
    'final-report.csv': writeFinalReportCsv,
    // TODO(integrator): 'final-report.pdf': writeFinalReportPdf (from './final-report.pdf'), and drop pdfPending.
    'final-report.pdf': pdfPending,
    'bm-mobilities.xlsx': bmMobilitiesXlsx(durationLimits),
    'bm-mobilities.csv': bmMobilitiesCsv(durationLimits),
    // No BM export as PDF (the API refuses it with 400); here for the record's completeness.
    'bm-mobilities.pdf': async () => {
      throw new Error('The BM export has no PDF format.');
    },
  };
}

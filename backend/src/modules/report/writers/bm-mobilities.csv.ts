import { BM_MOBILITY_COLUMNS, BmViolation, DurationLimits } from '@mobility-hub/domain';
import { validBmRows } from './bm-mobilities';
import { writeCsv } from './csv';
import type { ReportWriter } from './report-writer';

/** The BM mobility export as CSV: the BM's columns, valid rows only. */
export const bmMobilitiesCsv =
  (durationLimits: DurationLimits): ReportWriter =>
  async (source, out, progress) => {
    const violations: BmViolation[] = [];
    let seen = 0;
    const rows = await writeCsv(
      out,
      BM_MOBILITY_COLUMNS,
      validBmRows(source, durationLimits, violations),
      source.options.delimiter,
      () => progress(++seen),
    );
    return { rows, violations };
  };

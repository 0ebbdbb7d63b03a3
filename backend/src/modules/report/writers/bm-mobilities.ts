import { BmViolation, DurationLimits, ReportMobilityRow, validateBmRow } from '@mobility-hub/domain';
import type { ReportSource } from './report-writer';

/**
 * The rows of the BM export: each mobility checked against the BM's rules; a row that breaks one is
 * held back and its violations collected (listed with the export, never silently exported).
 */
export async function* validBmRows(
  source: ReportSource,
  durationLimits: DurationLimits,
  violations: BmViolation[],
): AsyncGenerator<ReportMobilityRow> {
  for await (const row of source.mobilities()) {
    const broken = validateBmRow(row, source.project, durationLimits);
    if (broken.length) violations.push(...broken);
    else yield row;
  }
}

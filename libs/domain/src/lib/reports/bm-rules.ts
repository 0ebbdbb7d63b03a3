import type { DurationLimits } from '../activity-types';
import type { BmViolation, ReportMobilityRow, ReportProject } from './report-rows';

/**
 * The BM's rules for one mobility row of the BM export (mandatory fields, duration limits, OID
 * format, dates within the project, …): each broken rule with its field (a BM column key) and rule.
 * An empty list: the row can be exported.
 */
export function validateBmRow(
  row: ReportMobilityRow,
  project: ReportProject,
  durationLimits: DurationLimits = {},
): BmViolation[] {
  void row;
  void project;
  void durationLimits;
  return [];
}

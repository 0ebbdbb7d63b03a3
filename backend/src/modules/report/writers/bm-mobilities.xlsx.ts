import * as ExcelJS from 'exceljs';
import { BM_MOBILITY_COLUMNS, BmViolation, DurationLimits } from '@mobility-hub/domain';
import { validBmRows } from './bm-mobilities';
import type { ReportWriter } from './report-writer';
import { writeDataSheet } from './sheet';

/** The BM mobility export as XLSX: one sheet, the BM's columns, valid rows only. */
export const bmMobilitiesXlsx =
  (durationLimits: DurationLimits): ReportWriter =>
  async (source, out, progress) => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const violations: BmViolation[] = [];
    let seen = 0;
    const rows = await writeDataSheet(
      workbook,
      'Mobilities',
      BM_MOBILITY_COLUMNS,
      validBmRows(source, durationLimits, violations),
      source.timeZone,
      () => progress(++seen),
    );
    await workbook.commit();
    return { rows, violations };
  };

import {
  CSV_DELIMITERS,
  CsvDelimiter,
  EXPORT_FORMATS,
  EXPORT_KINDS,
  ExportFormat,
  ExportKind,
  IMPORT_ROW_ACTIONS,
  ImportRowAction,
  JOB_STATUSES,
  JobStatus,
} from '@mobility-hub/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

export class CreateExportDto {
  @ApiProperty({ enum: EXPORT_KINDS, description: 'final-report: every format; bm-mobilities: xlsx or csv' })
  @IsIn(EXPORT_KINDS)
  kind: ExportKind;

  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat;

  @ApiPropertyOptional({ enum: CSV_DELIMITERS, default: ';', description: 'CSV only: the field separator' })
  @IsOptional()
  @IsIn(CSV_DELIMITERS)
  delimiter?: CsvDelimiter;
}

export class BmViolationDto {
  @ApiProperty({ format: 'uuid' }) mobilityId: string;
  @ApiProperty({ example: '123456-MOB-00001' }) bmActivityId: string;
  @ApiProperty({ example: 'Lena Schmidt' }) participant: string;
  @ApiProperty({ example: 'receivingOid' }) field: string;
  @ApiProperty({ example: 'OID format E + 8 digits' }) rule: string;
  @ApiProperty() message: string;
}

export class ExportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ enum: EXPORT_KINDS }) kind: ExportKind;
  @ApiProperty({ enum: EXPORT_FORMATS }) format: ExportFormat;
  @ApiProperty({ enum: JOB_STATUSES }) status: JobStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ description: 'Rows written so far (mobilities, tasks and history entries)' }) rows: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Rows to write, once known' }) totalRows: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the export failed' }) error: string | null;
  @ApiProperty({
    type: [BmViolationDto],
    description: 'BM export: rows held back from the file because they break a BM rule (field and rule named)',
  })
  violations: BmViolationDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-1-DE02-KA121-VET-000123456-final-report-2026-12-03.xlsx',
  })
  fileName: string | null;
  @ApiProperty({ type: Number, nullable: true }) byteSize: number | null;
  @ApiProperty({ description: 'The file can be downloaded now (done and not yet deleted)' }) downloadable: boolean;
  @ApiProperty({ description: 'Who asked for it' }) requestedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the file is deleted' })
  expiresAt: string | null;
}

export class ImportQuery {
  @ApiPropertyOptional({
    default: true,
    description: 'true: check only, write nothing; false: create (all or nothing)',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

export class ImportCellErrorDto {
  @ApiProperty({ description: 'Row as the spreadsheet numbers it (the header is row 1)' }) row: number;
  @ApiProperty({ example: 'Start date' }) column: string;
  @ApiProperty({ example: 'date YYYY-MM-DD or DD.MM.YYYY' }) rule: string;
  @ApiProperty() message: string;
}

export class ImportRowReportDto {
  @ApiProperty() row: number;
  @ApiProperty({ enum: IMPORT_ROW_ACTIONS }) action: ImportRowAction;
  @ApiProperty({ example: 'Lena Schmidt' }) participant: string;
  @ApiProperty({ type: String, nullable: true }) activityType: string | null;
  @ApiProperty({ type: String, nullable: true }) startDate: string | null;
  @ApiProperty({ type: String, nullable: true }) endDate: string | null;
  @ApiProperty({ type: String, nullable: true }) host: string | null;
  @ApiProperty() newPerson: boolean;
  @ApiProperty() newHost: boolean;
  @ApiProperty({ type: [ImportCellErrorDto] }) errors: ImportCellErrorDto[];
}

export class ImportSummaryDto {
  @ApiProperty() rows: number;
  @ApiProperty() valid: number;
  @ApiProperty() invalid: number;
  @ApiProperty() duplicates: number;
  @ApiProperty({ description: 'Mobilities created (commit) or that would be created (dry run)' }) mobilities: number;
  @ApiProperty() persons: number;
  @ApiProperty() hosts: number;
}

export class ImportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ enum: JOB_STATUSES }) status: JobStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ description: 'Rows checked (or created) so far' }) rows: number;
  @ApiProperty({ type: Number, nullable: true }) totalRows: number | null;
  @ApiProperty({ example: 'mobilities.xlsx' }) fileName: string;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Every row is valid (known once done)' }) valid:
    | boolean
    | null;
  @ApiProperty({ description: 'The rows were written (a commit of a valid file)' }) committed: boolean;
  @ApiProperty({ type: ImportSummaryDto, nullable: true }) summary: ImportSummaryDto | null;
  @ApiProperty({ type: [ImportRowReportDto], description: 'Every data row with its errors' })
  report: ImportRowReportDto[];
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ description: 'Who uploaded it' }) requestedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}

export class ImportTemplateQuery {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format?: 'xlsx' | 'csv';
}

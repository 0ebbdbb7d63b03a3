import { FORMATS_OF_KIND, problemType } from '@mobility-hub/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { Identity } from '../../common/identity';
import { Problems, ProblemException } from '../../common/problem/problem';
import { FileStorage } from '../../infrastructure/storage/file-storage';
import { sqlParams, visibleProjectSql } from '../access/access.sql';
import { CreateExportDto, ExportDto } from './dto/report.dto';
import { ExportRow, toExportDto } from './export-row';
import { ReportQueue } from './report-queue';

export interface ExportFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Buffer;
}

/** The exports listed per project (newest first). */
export const RECENT_EXPORTS = 20;

/**
 * The API side of exports: records the request (`report_export`, status queued), enqueues the job
 * after commit, answers its state and serves its file. Coordinators and staff of the project's
 * beneficiary only; anyone else gets 404 (learners, mentors, other organisations).
 */
@Injectable()
export class ExportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly queue: ReportQueue,
    private readonly files: FileStorage,
  ) {}

  async create(identity: Identity, projectId: string, dto: CreateExportDto): Promise<ExportDto> {
    if (!FORMATS_OF_KIND[dto.kind].includes(dto.format))
      throw Problems.invalidRequest([
        {
          field: 'format',
          rule: 'format-of-kind',
          message: `A ${dto.kind} export is made as ${FORMATS_OF_KIND[dto.kind].join(' or ')}, not ${dto.format}.`,
        },
      ]);
    await this.requireProject(identity, projectId);
    const options = dto.format === 'csv' ? { delimiter: dto.delimiter ?? ';' } : {};
    const [row] = (await this.db.query(
      `INSERT INTO report_export (project_id, kind, format, options, requested_by_user_id, requested_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [
        projectId,
        dto.kind,
        dto.format,
        JSON.stringify(options),
        identity.userId,
        identity.displayName,
        this.clock.now().toISOString(),
      ],
    )) as ExportRow[];
    // Committed: now the job. Redis away → the row stays queued and the worker's sweep enqueues it.
    await this.queue.enqueueExport(row.id);
    return toExportDto(row, this.clock.now());
  }

  async get(identity: Identity, id: string): Promise<ExportDto> {
    return toExportDto(await this.row(identity, id), this.clock.now());
  }

  async list(identity: Identity, projectId: string): Promise<ExportDto[]> {
    await this.requireProject(identity, projectId);
    const rows = (await this.db.query(
      `SELECT * FROM report_export WHERE project_id = $1 ORDER BY created_at DESC, id DESC LIMIT ${RECENT_EXPORTS}`,
      [projectId],
    )) as ExportRow[];
    const now = this.clock.now();
    return rows.map((row) => toExportDto(row, now));
  }

  async file(identity: Identity, id: string): Promise<ExportFile> {
    const row = await this.row(identity, id);
    if (row.status !== 'done')
      throw Problems.conflict(
        'export-not-ready',
        'Export not ready',
        `Export ${id} is ${row.status}: there is no file to download${row.status === 'failed' ? '' : ' yet'}.`,
      );
    const expired = () =>
      new ProblemException({
        type: problemType('export-expired'),
        title: 'Export expired',
        status: 410,
        detail: `The file of export ${id} was deleted after the retention period: export again.`,
      });
    if (!row.file_key || !row.expires_at || row.expires_at <= this.clock.now()) throw expired();
    const stored = await this.files.get(row.file_key);
    if (!stored) throw expired();
    return {
      fileName: row.file_name ?? `${row.id}.${row.format}`,
      contentType: stored.contentType,
      content: stored.content,
    };
  }

  /** The export if the caller works on its project's sending side (coordinator or staff); 404 otherwise. */
  private async row(identity: Identity, id: string): Promise<ExportRow> {
    const { params, param } = sqlParams([id]);
    const [row] = (await this.db.query(
      `SELECT e.* FROM report_export e JOIN project p ON p.id = e.project_id
        WHERE e.id = $1 AND ${visibleProjectSql(identity, param)}`,
      params,
    )) as ExportRow[];
    if (!row) throw Problems.notFound('Export', id);
    return row;
  }

  private async requireProject(identity: Identity, projectId: string): Promise<void> {
    const { params, param } = sqlParams([projectId]);
    const [row] = await this.db.query(
      `SELECT 1 FROM project p WHERE p.id = $1 AND ${visibleProjectSql(identity, param)}`,
      params,
    );
    if (!row) throw Problems.notFound('Project', projectId);
  }
}

import { sendingOrganisationIds } from '@mobility-hub/domain';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock';
import { Identity } from '../../../common/identity';
import { ProblemException } from '../../../common/problem/problem';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { FileStorage } from '../../../infrastructure/storage/file-storage';
import { ImportPayload } from '../../../queue/queue-registry';
import { CreateMobilityDto } from '../../mobility/dto/mobility.dto';
import { MobilityService } from '../../mobility/mobility.service';
import { analyseImport, ImportAnalysis, ImportProject, RowPlan } from '../import/import-analysis';
import { ImportFile, readImportFile } from '../import/import-file';
import { importFileKey } from '../import.service';

interface ImportJobRow {
  id: string;
  project_id: string;
  dry_run: boolean;
  status: string;
  file_key: string | null;
  requested_by_user_id: string | null;
  total_rows: number | null;
}

/** A reason to stop the import for good (recorded as its error; the job is not retried). */
class ImportFailure extends Error {}

/** The commit found an invalid row inside its transaction: roll back, report the analysis. */
class InvalidFile extends Error {
  constructor(readonly analysis: ImportAnalysis) {
    super('invalid file');
  }
}

/**
 * The import job: re-reads the import row and its stored file, parses and checks every row (dry
 * run), or creates every row in one transaction when all are valid (commit); records progress and
 * the row report on the import row. A job that finds its row done or failed does nothing.
 *
 * The commit runs the whole analysis again inside its transaction, under the project's row lock
 * (persons and mobilities created meanwhile count), and creates each `create` row by
 * `MobilityService.createIn` — the create request's own path: checklist, reminders, guardian
 * consent, history. Any failure rolls everything back. Progress is written outside the transaction
 * (another pooled connection), so it is seen while the commit runs and not lost with a rollback.
 */
@Injectable()
export class ImportProcessor {
  private readonly logger = new Logger(ImportProcessor.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: FileStorage,
    private readonly mobilities: MobilityService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async process(job: Job<ImportPayload>): Promise<void> {
    const id = job.data.importId;
    const [row] = (await this.db.query(
      `SELECT id, project_id, dry_run, status, file_key, requested_by_user_id, total_rows FROM report_import WHERE id = $1`,
      [id],
    )) as ImportJobRow[];
    if (!row || row.status === 'done' || row.status === 'failed') return;
    await this.db.query(
      `UPDATE report_import SET status = 'running', started_at = $2, attempts = attempts + 1, progress = 0, rows = 0,
              error = NULL WHERE id = $1`,
      [id, this.clock.now().toISOString()],
    );
    try {
      const { project, identity, file } = await this.load(row);
      if (row.dry_run) {
        const analysis = await this.analyse(this.db.manager, project, file, (done) =>
          this.progress(id, done, file.rows.length, false),
        );
        await this.finish(id, analysis, false);
      } else {
        await this.commit(id, project, identity, file);
      }
    } catch (error) {
      const permanent = error instanceof ImportFailure || error instanceof ProblemException;
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (!permanent && !lastAttempt) throw error;
      if (!permanent) this.logger.error(`import ${id} failed: ${(error as Error).stack ?? String(error)}`);
      await this.db.query(
        `UPDATE report_import SET status = 'failed', error = $2, committed = false, finished_at = $3 WHERE id = $1`,
        [
          id,
          permanent ? messageOf(error) : 'The import failed unexpectedly; nothing was written.',
          this.clock.now().toISOString(),
        ],
      );
    }
  }

  private async commit(id: string, project: ImportProject, identity: Identity, file: ImportFile): Promise<void> {
    let created = 0;
    try {
      await this.db.transaction(async (em) => {
        // Creations in this project wait for the import (and the import sees those before it).
        await em.query(`SELECT 1 FROM project WHERE id = $1 FOR UPDATE`, [project.id]);
        const analysis = await this.analyse(em, project, file, async () => undefined);
        if (!analysis.valid) throw new InvalidFile(analysis);
        const hostIds = new Map<string, string>();
        for (const host of analysis.newHosts) {
          const [inserted] = (await em.query(
            `INSERT INTO organisation (name, kind, country, city, oid, email, time_zone, registered_by_organisation_id)
             VALUES ($1, 'company', $2, $3, $4, NULL, $5, $6) RETURNING id`,
            [host.name, host.country, host.city, host.oid, host.timeZone, project.beneficiaryOrganisationId],
          )) as { id: string }[];
          hostIds.set(host.key, inserted.id);
        }
        const step = Math.max(1, Math.ceil(analysis.plans.length / 20));
        for (const plan of analysis.plans) {
          try {
            await this.mobilities.createIn(em, identity, project.id, mobilityDtoOf(plan, hostIds));
          } catch (error) {
            if (error instanceof ProblemException) throw new ImportFailure(`Row ${plan.row}: ${messageOf(error)}`);
            throw error;
          }
          created++;
          if (created % step === 0) await this.progress(id, created, analysis.plans.length, true);
        }
        await this.finish(id, analysis, true, em);
      });
    } catch (error) {
      if (error instanceof InvalidFile) return this.finish(id, error.analysis, false);
      throw error;
    }
  }

  private analyse(
    em: EntityManager,
    project: ImportProject,
    file: ImportFile,
    progress: (done: number) => Promise<void>,
  ): Promise<ImportAnalysis> {
    return analyseImport(
      em,
      project,
      file,
      { today: this.clock.today(this.config.timeZone), durationLimits: this.config.activities.durationLimits },
      progress,
    );
  }

  /**
   * Rows done so far, on another pooled connection than a running commit's. With a single
   * connection (the embedded database of `npm start`) a commit's progress would wait for its own
   * transaction: then only the end is recorded.
   */
  private async progress(id: string, done: number, total: number, inTransaction: boolean): Promise<void> {
    if (inTransaction && this.config.database.poolSize < 2) return;
    const percent = Math.min(99, Math.floor((done / Math.max(1, total)) * 100));
    await this.db.query(`UPDATE report_import SET progress = $2, rows = $3 WHERE id = $1 AND status = 'running'`, [
      id,
      percent,
      done,
    ]);
  }

  /**
   * The import's outcome; `em`: inside the commit's transaction, so that created mobilities and
   * "done" are one (a retry after a crash in between would otherwise find them all duplicates and
   * report 0 created). The uploaded file, personal data all through, is deleted with it: its report
   * is what remains (the wizard uploads the file again to commit).
   */
  private async finish(id: string, analysis: ImportAnalysis, committed: boolean, em?: EntityManager): Promise<void> {
    const q = em ?? this.db.manager;
    await q.query(
      `UPDATE report_import SET status = 'done', progress = 100, rows = $2, valid = $3, committed = $4,
              report = $5::jsonb, summary = $6::jsonb, error = NULL, finished_at = $7, file_key = NULL WHERE id = $1`,
      [
        id,
        analysis.report.length,
        analysis.valid,
        committed,
        JSON.stringify(analysis.report),
        JSON.stringify(analysis.summary),
        this.clock.now().toISOString(),
      ],
    );
    await this.storage.delete(importFileKey(id), em);
  }

  private async load(row: ImportJobRow): Promise<{ project: ImportProject; identity: Identity; file: ImportFile }> {
    const stored = row.file_key ? await this.storage.get(row.file_key) : null;
    if (!stored) throw new ImportFailure('The uploaded file is no longer kept: upload it again.');
    const [project] = (await this.db.query(
      `SELECT id, action, to_char(start_date, 'YYYY-MM-DD') AS "startDate", to_char(end_date, 'YYYY-MM-DD') AS "endDate",
              beneficiary_organisation_id AS "beneficiaryOrganisationId"
         FROM project WHERE id = $1`,
      [row.project_id],
    )) as ImportProject[];
    // The uploader's identity now: one who lost access since may not import.
    const [identity] = (await this.db.query(
      `SELECT u.id AS "userId", u.email, u.display_name AS "displayName",
              ARRAY(SELECT p.id::text FROM person p WHERE p.user_account_id = u.id) AS "personIds",
              coalesce((SELECT json_agg(json_build_object('organisationId', ms.organisation_id, 'role', ms.role))
                          FROM membership ms WHERE ms.user_id = u.id), '[]') AS memberships
         FROM user_account u WHERE u.id = $1 AND u.disabled_at IS NULL`,
      [row.requested_by_user_id],
    )) as Identity[];
    if (!project || !identity || !sendingOrganisationIds(identity).includes(project.beneficiaryOrganisationId)) {
      throw new ImportFailure('The person who uploaded the file may no longer import into this project.');
    }
    const file = await readImportFile(stored.content, this.config.reports.importMaxRows);
    return { project, identity, file };
  }
}

function mobilityDtoOf(plan: RowPlan, hostIds: ReadonlyMap<string, string>): CreateMobilityDto {
  const v = plan.values;
  const hostOrganisationId = plan.host
    ? 'id' in plan.host
      ? plan.host.id
      : hostIds.get(plan.host.newHost)
    : undefined;
  return {
    participant: {
      firstName: v.firstName as string,
      lastName: v.lastName as string,
      email: v.email as string,
      ...(v.dateOfBirth ? { dateOfBirth: v.dateOfBirth } : {}),
    },
    ...(v.guardian
      ? {
          guardian: {
            name: v.guardian.name as string,
            email: v.guardian.email as string,
            phone: v.guardian.phone as string,
            relationship: v.guardian.relationship as NonNullable<typeof v.guardian.relationship>,
          },
        }
      : {}),
    activityType: v.activityType as NonNullable<typeof v.activityType>,
    sendingOrganisationId: plan.sendingOrganisationId,
    ...(hostOrganisationId ? { hostOrganisationId } : {}),
    startDate: v.startDate as string,
    endDate: v.endDate as string,
    travelDays: v.travelDays,
    greenTravel: v.greenTravel,
    fewerOpportunities: v.fewerOpportunities,
  };
}

function messageOf(error: unknown): string {
  if (error instanceof ProblemException) {
    const problem = error.problem;
    const errors = (problem.errors ?? []).map((e) => e.message).join('; ');
    return [problem.detail ?? problem.title, errors && errors !== problem.detail ? errors : '']
      .filter(Boolean)
      .join(': ');
  }
  return (error as Error).message;
}

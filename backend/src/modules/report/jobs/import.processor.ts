import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { ImportPayload } from '../../../queue/queue-registry';

/**
 * The import job: re-reads the import row and its stored file, parses and checks every row (dry
 * run), or creates every row in one transaction when all are valid (commit); records progress and
 * the row report on the import row. A job that finds its row done or failed does nothing.
 */
@Injectable()
export class ImportProcessor {
  async process(job: Job<ImportPayload>): Promise<void> {
    throw new Error(`not implemented: import ${job.data.importId}`);
  }
}

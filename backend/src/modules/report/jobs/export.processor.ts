import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { ExportPayload } from '../../../queue/queue-registry';

/**
 * The export job: re-reads the export row, reads the project's data, writes the file with the
 * writer of its kind and format (progress on the row as rows are written) and stores the file and
 * "done" in one transaction. A job that finds its row done does nothing.
 */
@Injectable()
export class ExportProcessor {
  async process(job: Job<ExportPayload>): Promise<void> {
    throw new Error(`not implemented: export ${job.data.exportId}`);
  }
}

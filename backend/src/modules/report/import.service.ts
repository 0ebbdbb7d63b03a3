import { Injectable } from '@nestjs/common';
import { Identity } from '../../common/identity';
import { ImportDto } from './dto/report.dto';
import type { ExportFile } from './export.service';

/** An uploaded file as the controller read it (size-capped by the multipart limits). */
export interface UploadedImportFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly content: Buffer;
}

/**
 * The API side of imports: checks the upload (type, size, header, no formulas or macros: 4xx,
 * nothing written), stores it, records the import (`report_import`) and enqueues the job; answers
 * its report. Coordinators and staff of the project's beneficiary only.
 */
@Injectable()
export class ImportService {
  async upload(identity: Identity, projectId: string, dryRun: boolean, file: UploadedImportFile): Promise<ImportDto> {
    throw new Error(`not implemented: ${projectId} ${dryRun} ${file.fileName} ${identity.userId}`);
  }

  async get(identity: Identity, id: string): Promise<ImportDto> {
    throw new Error(`not implemented: ${id} ${identity.userId}`);
  }

  async template(identity: Identity, projectId: string, format: 'xlsx' | 'csv'): Promise<ExportFile> {
    throw new Error(`not implemented: ${projectId} ${format} ${identity.userId}`);
  }
}

import { Injectable } from '@nestjs/common';
import { Identity } from '../../common/identity';
import { CreateExportDto, ExportDto } from './dto/report.dto';

export interface ExportFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Buffer;
}

/**
 * The API side of exports: records the request (`report_export`, status queued), enqueues the job
 * after commit, answers its state and serves its file. Coordinators and staff of the project's
 * beneficiary only; anyone else gets 404 (learners, mentors, other organisations).
 */
@Injectable()
export class ExportService {
  async create(identity: Identity, projectId: string, dto: CreateExportDto): Promise<ExportDto> {
    throw new Error(`not implemented: export ${dto.kind}.${dto.format} of ${projectId} for ${identity.userId}`);
  }

  async get(identity: Identity, id: string): Promise<ExportDto> {
    throw new Error(`not implemented: ${id} ${identity.userId}`);
  }

  async list(identity: Identity, projectId: string): Promise<ExportDto[]> {
    throw new Error(`not implemented: ${projectId} ${identity.userId}`);
  }

  async file(identity: Identity, id: string): Promise<ExportFile> {
    throw new Error(`not implemented: ${id} ${identity.userId}`);
  }
}

import { Module } from '@nestjs/common';
import { StorageModule } from '../../infrastructure/storage/storage.module';
import { AccessModule } from '../access/access.module';
import { ExportController } from './export.controller';
import { ExportService } from './export.service';
import { ImportController } from './import.controller';
import { ImportService } from './import.service';
import { ReportQueue } from './report-queue';

/** Reports (API side): exports and imports recorded and enqueued here, run by the worker (ReportWorkerModule). */
@Module({
  imports: [AccessModule, StorageModule],
  controllers: [ExportController, ImportController],
  providers: [ExportService, ImportService, ReportQueue],
})
export class ReportModule {}

import { Module } from '@nestjs/common';
import { StorageModule } from '../../infrastructure/storage/storage.module';
import { MobilityModule } from '../mobility/mobility.module';
import { ExportProcessor } from './jobs/export.processor';
import { ImportProcessor } from './jobs/import.processor';
import { ReportData } from './report-data';
import { ReportWorkerService } from './report-worker.service';

/**
 * The worker side of reports: the reports queue's worker (export, import and the retention sweep),
 * registered like the mail queue. Never imported by the API, except for `npm start`'s one process.
 */
@Module({
  imports: [StorageModule, MobilityModule],
  providers: [ReportData, ExportProcessor, ImportProcessor, ReportWorkerService],
  exports: [ReportData, ExportProcessor, ImportProcessor, ReportWorkerService],
})
export class ReportWorkerModule {}

import { DynamicModule, Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { DeliveryModule } from '../modules/notification/delivery.module';
import { ReportWorkerModule } from '../modules/report/report-worker.module';
import { CoreModule } from './core.module';

/** The worker process: configuration, clock, database and the queues — no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot(config, clock), DeliveryModule, ReportWorkerModule] };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { HealthModule } from '../modules/health/health.module';
import { MobilityModule } from '../modules/mobility/mobility.module';
import { NotificationApiModule } from '../modules/notification/notification-api.module';
import { AuthModule } from '../modules/auth/auth.module';
import { HostLinkModule } from '../modules/host-link/host-link.module';
import { HostAnswerModule } from '../modules/host-answer/host-answer.module';
import { GuardianLinkModule } from '../modules/guardian-link/guardian-link.module';
import { OrganisationModule } from '../modules/organisation/organisation.module';
import { ProjectModule } from '../modules/project/project.module';
import { PersonModule } from '../modules/person/person.module';
import { TeamModule } from '../modules/team/team.module';
import { CoreModule } from './core.module';
import { DeliveryModule } from '../modules/notification/delivery.module';
import { ReportModule } from '../modules/report/report.module';
import { SavedFilterModule } from '../modules/saved-filter/saved-filter.module';
import { ReportWorkerModule } from '../modules/report/report-worker.module';

export const FEATURE_MODULES = [
  HealthModule,
  OrganisationModule,
  ProjectModule,
  MobilityModule,
  PersonModule,
  NotificationApiModule,
  AuthModule,
  TeamModule,
  HostLinkModule,
  HostAnswerModule,
  GuardianLinkModule,
  ReportModule,
  SavedFilterModule,
];

@Module({})
export class ApiModule {
  /**
   * `withWorker` hosts the worker's queues in the same process: only for the embedded database
   * of `npm start`, which serves one connection at a time. In production the API never processes jobs.
   */
  static forRoot(config: AppConfig, clock?: Clock, options: { withWorker?: boolean } = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(config, clock),
        // Per client address, for the routes that guess at secrets (sign-in, links): @UseGuards(RateLimitGuard) (common/rate-limit.guard.ts).
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: config.auth.rateLimitPerMinute }]),
        ...FEATURE_MODULES,
        ...(options.withWorker ? [DeliveryModule, ReportWorkerModule] : []),
      ],
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { ChecklistModule } from '../modules/checklist/checklist.module';
import { HealthModule } from '../modules/health/health.module';
import { MobilityModule } from '../modules/mobility/mobility.module';
import { OrganisationModule } from '../modules/organisation/organisation.module';
import { ProjectModule } from '../modules/project/project.module';
import { CoreModule } from './core.module';

export const FEATURE_MODULES = [HealthModule, OrganisationModule, ProjectModule, MobilityModule, ChecklistModule];

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    return { module: ApiModule, imports: [CoreModule.forRoot(config, clock), ...FEATURE_MODULES] };
  }
}

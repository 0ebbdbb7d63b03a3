import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { NotificationModule } from '../notification/notification.module';
import { PersonModule } from '../person/person.module';
import { ChecklistService } from './checklist/checklist.service';
import { TaskController } from './checklist/task.controller';
import { AccompanyingService } from './guardian/accompanying.service';
import { GuardianController } from './guardian/guardian.controller';
import { GuardianService } from './guardian/guardian.service';
import { HistoryService } from './history.service';
import { LifecycleService } from './lifecycle.service';
import { MobilityController } from './mobility.controller';
import { MobilityFile } from './mobility-file.service';
import { MobilityQueries } from './mobility.queries';
import { MobilityRepository } from './mobility.repository';
import { MobilityService } from './mobility.service';
import { MobilityRecordsController } from './mobility-records.controller';
import { MobilityRecordsService } from './mobility-records.service';

/**
 * A mobility and its checklist: one row lock and one version cover both (a task's change bumps the
 * mobility's ETag), so they are one module. Reminders are re-planned through NotificationModule.
 */
@Module({
  imports: [NotificationModule, AccessModule, PersonModule],
  controllers: [MobilityController, MobilityRecordsController, TaskController, GuardianController],
  providers: [
    MobilityService,
    LifecycleService,
    HistoryService,
    MobilityQueries,
    MobilityRepository,
    MobilityFile,
    ChecklistService,
    MobilityRecordsService,
    GuardianService,
    AccompanyingService,
  ],
  exports: [LifecycleService, GuardianService, MobilityRepository, MobilityService],
})
export class MobilityModule {}

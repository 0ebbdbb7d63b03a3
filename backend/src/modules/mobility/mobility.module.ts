import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { NotificationModule } from '../notification/notification.module';
import { PersonModule } from '../person/person.module';
import { ChecklistService } from './checklist/checklist.service';
import { TaskController } from './checklist/task.controller';
import { HistoryService } from './history.service';
import { LifecycleService } from './lifecycle.service';
import { MobilityController } from './mobility.controller';
import { MobilityFile } from './mobility-file.service';
import { MobilityQueries } from './mobility.queries';
import { MobilityRepository } from './mobility.repository';
import { MobilityService } from './mobility.service';

/**
 * A mobility and its checklist: one row lock and one version cover both (a task's change bumps the
 * mobility's ETag), so they are one module. Reminders are re-planned through NotificationModule.
 */
@Module({
  imports: [NotificationModule, AccessModule, PersonModule],
  controllers: [MobilityController, TaskController],
  providers: [
    MobilityService,
    LifecycleService,
    HistoryService,
    MobilityQueries,
    MobilityRepository,
    MobilityFile,
    ChecklistService,
  ],
  exports: [LifecycleService],
})
export class MobilityModule {}

import { AccessModule } from '../access/access.module';
import { Module } from '@nestjs/common';
import { MobilityRepository } from '../mobility/mobility.repository';
import { NotificationModule } from '../notification/notification.module';
import { ChecklistService } from './checklist.service';
import { TaskController } from './task.controller';

/** Owns the checklist and the locked writes to a mobility row that task changes share with the lifecycle. */
@Module({
  imports: [NotificationModule, AccessModule],
  controllers: [TaskController],
  providers: [ChecklistService, MobilityRepository],
  exports: [ChecklistService, MobilityRepository, NotificationModule],
})
export class ChecklistModule {}

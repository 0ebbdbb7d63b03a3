import { Module } from '@nestjs/common';
import { MobilityRepository } from '../mobility/mobility.repository';
import { ChecklistService } from './checklist.service';
import { TaskController } from './task.controller';

/** Owns the checklist and the locked writes to a mobility row that task changes share with the lifecycle. */
@Module({
  controllers: [TaskController],
  providers: [ChecklistService, MobilityRepository],
  exports: [ChecklistService, MobilityRepository],
})
export class ChecklistModule {}

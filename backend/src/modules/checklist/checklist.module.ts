import { Module } from '@nestjs/common';
import { MobilityRepository } from '../mobility/mobility.repository';
import { ChecklistService } from './checklist.service';
import { TaskController } from './task.controller';

@Module({
  controllers: [TaskController],
  providers: [ChecklistService, MobilityRepository],
  exports: [ChecklistService],
})
export class ChecklistModule {}

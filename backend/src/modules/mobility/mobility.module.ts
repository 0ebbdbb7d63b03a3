import { AccessModule } from '../access/access.module';
import { Module } from '@nestjs/common';
import { ChecklistModule } from '../checklist/checklist.module';
import { HistoryService } from './history.service';
import { LifecycleService } from './lifecycle.service';
import { MobilityController } from './mobility.controller';
import { MobilityQueries } from './mobility.queries';
import { MobilityService } from './mobility.service';

@Module({
  imports: [ChecklistModule, AccessModule],
  controllers: [MobilityController],
  providers: [MobilityService, LifecycleService, HistoryService, MobilityQueries],
  exports: [LifecycleService],
})
export class MobilityModule {}

import { AccessModule } from '../access/access.module';
import { Module } from '@nestjs/common';
import { NotificationModule } from '../notification/notification.module';
import { ProjectController } from './project.controller';
import { ProjectTasksService } from './project-tasks.service';
import { ProjectService } from './project.service';

@Module({
  imports: [AccessModule, NotificationModule],
  controllers: [ProjectController],
  providers: [ProjectService, ProjectTasksService],
})
export class ProjectModule {}

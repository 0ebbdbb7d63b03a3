import { AccessModule } from '../access/access.module';
import { Module } from '@nestjs/common';
import { ProjectController } from './project.controller';
import { ProjectService } from './project.service';

@Module({ imports: [AccessModule], controllers: [ProjectController], providers: [ProjectService] })
export class ProjectModule {}

import {
  MOBILITY_STATES,
  MobilityState,
  PHASES,
  Phase,
  TASK_ROLES,
  TASK_STATUSES,
  TaskRole,
  TaskStatus,
} from '@mobility-hub/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, IsString, MaxLength, ValidateIf } from 'class-validator';
import { PageDto, PageQuery } from '../../../../common/pagination';

export class UpdateTaskDto {
  @ApiProperty({ enum: TASK_STATUSES })
  @IsIn(TASK_STATUSES)
  status: TaskStatus;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Free note kept with the task' })
  // Absent leaves the note as it is; null is refused (an empty string clears the note).
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Required when waiving; only allowed when waiving' })
  @ValidateIf((dto: UpdateTaskDto, value) => dto.status === 'waived' || value !== undefined)
  @IsString({ message: 'waiverReason must be a text explaining why the task is waived' })
  @Matches(/\S/, { message: 'waiverReason is required to waive a task' })
  @MaxLength(2000)
  waiverReason?: string;
}

export class TaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) mobilityId: string;
  @ApiProperty({ enum: PHASES }) phase: Phase;
  @ApiProperty({ description: 'Stable template key' }) key: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Practitioner guidance' }) guidance: string;
  @ApiProperty({ enum: TASK_ROLES }) role: TaskRole;
  @ApiProperty() mandatory: boolean;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ enum: TASK_STATUSES }) status: TaskStatus;
  @ApiProperty({ description: 'Open and past its due date (never a catch-up task)' }) overdue: boolean;
  @ApiProperty({
    description:
      'A catch-up task: open, and due before its schedule was set (the mobility was created or re-dated after the date had passed). Not overdue; reminded once.',
  })
  catchUp: boolean;
  @ApiProperty({ type: String, nullable: true }) statusChangedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) statusChangedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, nullable: true }) waiverReason: string | null;
}

export class UpdatedTaskDto extends TaskDto {
  @ApiProperty({ description: "The mobility's new version (its ETag)" }) mobilityVersion: number;
}

export class ListTasksQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TASK_STATUSES, description: 'Only tasks with this status' })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: TASK_ROLES, description: 'Only tasks of this role (e.g. host)' })
  @IsOptional()
  @IsIn(TASK_ROLES)
  role?: TaskRole;
}

/** Which mobility a task belongs to, enough to list it among others. */
export class TaskMobilityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() participantName: string;
  @ApiProperty({ enum: MOBILITY_STATES }) phase: MobilityState;
  @ApiProperty({ description: "The mobility's version (its ETag), for If-Match on a task change" }) version: number;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
}

export class TaskInListDto extends TaskDto {
  @ApiProperty({ type: TaskMobilityDto }) mobility: TaskMobilityDto;
}

export class TaskPageDto extends PageDto {
  @ApiProperty({ type: [TaskInListDto] }) items: TaskInListDto[];
}

import {
  PROJECT_EVENTS,
  PROJECT_STATUSES,
  ProjectEventType,
  ProjectStatus,
  TASK_STATUSES,
  TaskStatus,
} from '@mobility-hub/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '../../../common/validators';

export class ProjectEventRequestDto {
  @ApiProperty({
    enum: PROJECT_EVENTS,
    description:
      'SUBMIT_FINAL_REPORT: the final report was submitted in the BM; CLOSE: the NA decided on it; REOPEN_REPORT: the NA returned it',
  })
  @IsIn(PROJECT_EVENTS)
  type: ProjectEventType;

  @ApiPropertyOptional({ format: 'date', description: 'The day it happened (default today); not in the future' })
  @ValidateIf((_, value) => value !== undefined)
  @IsCalendarDate()
  on?: string;
}

export class UpdateProjectDto {
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The interim report due date the grant agreement sets (KA121-VET); null: no interim report',
  })
  @ValidateIf((_, value) => value !== null)
  @IsCalendarDate()
  interimReportDueDate: string | null;
}

export class ProjectTaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ description: 'Stable project task key' }) key: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Practitioner guidance' }) guidance: string;
  @ApiProperty() mandatory: boolean;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ enum: TASK_STATUSES }) status: TaskStatus;
  @ApiProperty({ description: 'Open and past its due date' }) overdue: boolean;
  @ApiProperty({ description: 'Set by a recorded event (the final report by its submission), not ticked' })
  setByEvent: boolean;
  @ApiProperty({ type: String, nullable: true }) statusChangedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) statusChangedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, nullable: true }) waiverReason: string | null;
}

export class UpdateProjectTaskDto {
  @ApiProperty({ enum: TASK_STATUSES })
  @IsIn(TASK_STATUSES)
  status: TaskStatus;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Free note kept with the task' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Required when waiving; only allowed when waiving' })
  @ValidateIf((dto: UpdateProjectTaskDto, value) => dto.status === 'waived' || value !== undefined)
  @IsString({ message: 'waiverReason must be a text explaining why the task is waived' })
  @Matches(/\S/, { message: 'waiverReason is required to waive a task' })
  @MaxLength(2000)
  waiverReason?: string;
}

export class ProjectHistoryEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'CREATE, SUBMIT_FINAL_REPORT, CLOSE, REOPEN_REPORT, INTERIM_REPORT_DATE, TASK' })
  event: string;
  @ApiProperty({ type: String, enum: PROJECT_STATUSES, nullable: true }) fromStatus: ProjectStatus | null;
  @ApiProperty({ type: String, enum: PROJECT_STATUSES, nullable: true }) toStatus: ProjectStatus | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The day it happened, as recorded' })
  occurredOn: string | null;
  @ApiProperty({ description: 'What changed, for a human (task key and status, the new date …)' })
  summary: string;
  @ApiProperty({ description: 'Who recorded it' }) actor: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

import {
  PROGRAMME_CALL_YEARS,
  PROJECT_ACTIONS,
  PROJECT_EVENTS,
  PROJECT_REFERENCE_PATTERN,
  PROJECT_STATUSES,
  ProjectAction,
  ProjectEventType,
  ProjectStatus,
} from '@mobility-hub/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsCalendarDate, Trim } from '../../../common/validators';
import { PageDto, PageQuery } from '../../../common/pagination';

export class CreateProjectDto {
  @ApiProperty({ example: '2026-1-DE02-KA122-VET-000123456', description: 'Grant agreement reference' })
  @IsString()
  @Matches(PROJECT_REFERENCE_PATTERN, { message: 'reference must look like 2026-1-DE02-KA122-VET-000123456' })
  reference: string;

  @ApiProperty({ example: 'Apprentices abroad 2026', maxLength: 300 })
  @Trim()
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty({ enum: PROJECT_ACTIONS })
  @IsIn(PROJECT_ACTIONS)
  action: ProjectAction;

  @ApiProperty({
    example: 2026,
    description: `A call year of the programme (${PROGRAMME_CALL_YEARS.first}-${PROGRAMME_CALL_YEARS.last}); another is a 422 naming callYear`,
  })
  // The range is a business rule (422 from validateProject), not the request's shape.
  @IsInt()
  callYear: number;

  @ApiProperty({ format: 'uuid', description: 'The organisation that signed the grant agreement' })
  @IsUUID('all', { message: 'beneficiaryOrganisationId must be a UUID' })
  beneficiaryOrganisationId: string;

  @ApiProperty({ example: '2026-09-01', format: 'date' })
  @IsCalendarDate()
  startDate: string;

  @ApiProperty({ example: '2027-08-31', format: 'date' })
  @IsCalendarDate()
  endDate: string;
}

export class ListProjectsQuery extends PageQuery {}

export class OrganisationRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'ES' }) country: string;
}

export class PhaseCountsDto {
  @ApiProperty() application: number;
  @ApiProperty() preparation: number;
  @ApiProperty() implementation: number;
  @ApiProperty() evaluation: number;
  @ApiProperty() finalisation: number;
  @ApiProperty() completed: number;
  @ApiProperty() withdrawn: number;
}

export class ProjectDeadlineDto {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ description: 'Stable project task key' }) key: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ description: 'Open and past its due date' }) overdue: boolean;
}

export class ProjectWarningDto {
  @ApiProperty({ enum: ['ka122-frequency'] }) code: 'ka122-frequency';
  @ApiProperty({ description: 'The field the warning concerns' }) field: string;
  @ApiProperty() message: string;
}

export class ProjectDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: PROJECT_ACTIONS }) action: ProjectAction;
  @ApiProperty() callYear: number;
  @ApiProperty({ type: OrganisationRefDto }) beneficiaryOrganisation: OrganisationRefDto;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ type: PhaseCountsDto, description: 'Mobilities per phase' }) mobilityCounts: PhaseCountsDto;
  @ApiProperty({ description: 'All mobilities of the project' }) mobilityTotal: number;
  @ApiProperty({ description: 'Mobilities with at least one overdue open task' }) overdueMobilities: number;
  @ApiProperty({
    enum: PROJECT_STATUSES,
    description: 'running until the end date, reporting from the day after, then submitted and closed as recorded',
  })
  status: ProjectStatus;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Final report submitted in the BM on' })
  reportSubmittedOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: "The NA's final decision on" })
  closedOn: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Interim report due date, when the grant agreement asks for one (KA121-VET)',
  })
  interimReportDueDate: string | null;
  @ApiProperty({ type: ProjectDeadlineDto, nullable: true, description: 'The open project task due first' })
  nextDeadline: ProjectDeadlineDto | null;
  @ApiProperty({ description: 'Open project tasks past their due date' }) overdueTasks: number;
  @ApiProperty({ enum: PROJECT_EVENTS, isArray: true, description: 'What the caller may record now (coordinators)' })
  possibleEvents: ProjectEventType[];
  @ApiProperty({ description: 'Whether the caller may record events and tick project tasks (a coordinator)' })
  canManage: boolean;
  @ApiProperty({ type: [ProjectWarningDto], description: 'Programme limits the coordinator should know about' })
  warnings: ProjectWarningDto[];
}

export class ProjectPageDto extends PageDto {
  @ApiProperty({ type: [ProjectDto] })
  items: ProjectDto[];
}

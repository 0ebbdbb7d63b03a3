import { PROJECT_ACTIONS, PROJECT_REFERENCE_PATTERN, ProjectAction } from '@mobility-hub/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
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

  @ApiProperty({ example: 2026, minimum: 2021, maximum: 2100 })
  @IsInt()
  @Min(2021)
  @Max(2100)
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
}

export class ProjectPageDto extends PageDto {
  @ApiProperty({ type: [ProjectDto] })
  items: ProjectDto[];
}

import { ACTIVITY_TYPE_CODES, ActivityTypeCode, MOBILITY_STATES, MobilityState } from '@mobility-hub/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageDto, PageQuery } from '../../../common/pagination';
import { Trim } from '../../../common/validators';

export class ListPersonsQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'The person with exactly this address (case and surrounding spaces ignored)',
    example: 'lena.schmidt@example.org',
  })
  @IsOptional()
  @Trim()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;

  @ApiPropertyOptional({ description: 'Search in first name, last name and e-mail', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only the people of this school (one of yours), e.g. the beneficiary of the project at hand',
  })
  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId?: string;
}

export class PersonSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The school that owns this person’s data' }) organisationId: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateOfBirth: string | null;
  @ApiProperty({ description: 'Their mobilities at this school, withdrawn ones included' }) mobilityCount: number;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'First day abroad of their latest mobility',
  })
  latestStartDate: string | null;
}

export class PersonPageDto extends PageDto {
  @ApiProperty({ type: [PersonSummaryDto] }) items: PersonSummaryDto[];
}

/** One mobility of a person: the participation as the person's file lists it. */
export class ParticipationDto {
  @ApiProperty({ format: 'uuid' }) mobilityId: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty() projectReference: string;
  @ApiProperty() projectTitle: string;
  @ApiProperty({ enum: ACTIVITY_TYPE_CODES }) activityType: ActivityTypeCode;
  @ApiProperty({ type: String, nullable: true, description: 'The host organisation’s name' })
  hostName: string | null;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ enum: MOBILITY_STATES }) phase: MobilityState;
}

export class PersonDto extends PersonSummaryDto {
  @ApiProperty({ type: [ParticipationDto], description: 'Every mobility of theirs at this school, latest first' })
  participations: ParticipationDto[];
}

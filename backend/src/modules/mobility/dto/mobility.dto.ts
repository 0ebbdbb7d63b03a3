import {
  ACTIVITY_TYPE_CODES,
  ActivityTypeCode,
  MOBILITY_EVENT_TYPES,
  MOBILITY_ROLES,
  MOBILITY_STATES,
  MobilityEventType,
  MobilityRole,
  MobilityState,
  problemType,
  UNMET_CONDITION_CODES,
  UnmetConditionCode,
} from '@mobility-hub/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNotEmptyObject,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageDto, PageQuery } from '../../../common/pagination';
import { IsCalendarDate, Trim } from '../../../common/validators';
import { OrganisationRefDto } from '../../project/dto/project.dto';

export class CreateParticipantDto {
  @ApiProperty({ example: 'Lena', maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  firstName: string;

  @ApiProperty({ example: 'Schmidt', maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  lastName: string;

  @ApiProperty({
    example: 'lena.schmidt@example.org',
    description:
      "The person's account is found (or made) by this address, lower-cased: every school naming them by it links this mobility to the same account",
  })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ format: 'date', example: '2007-04-12' })
  @IsOptional()
  @IsCalendarDate()
  dateOfBirth?: string;
}

export class CreateMobilityDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'A person of your school who goes again (GET /persons): instead of `participant`. Another school’s person is a 404.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId?: string;

  @ApiPropertyOptional({
    type: CreateParticipantDto,
    description:
      'Who goes, unless `personId` is given. An address your school already knows is that person (a date of birth they lacked is added); other names or another date of birth are refused (409 person-details-differ), never a silent rename.',
  })
  @ValidateIf((dto: CreateMobilityDto) => dto.personId === undefined)
  @IsObject()
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => CreateParticipantDto)
  participant?: CreateParticipantDto;

  @ApiProperty({ enum: ACTIVITY_TYPE_CODES, description: 'Beneficiary Module activity code' })
  @IsIn(ACTIVITY_TYPE_CODES, { message: `activityType must be one of ${ACTIVITY_TYPE_CODES.join(', ')}` })
  activityType: ActivityTypeCode;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'sendingOrganisationId must be a UUID' })
  sendingOrganisationId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Host organisation abroad; may be assigned later' })
  @IsOptional()
  @IsUUID('all', { message: 'hostOrganisationId must be a UUID' })
  hostOrganisationId?: string;

  @ApiProperty({ format: 'date', description: 'First day of the activity abroad (T0), travel excluded' })
  @IsCalendarDate()
  startDate: string;

  @ApiProperty({ format: 'date', description: 'Last day of the activity abroad (T1), travel excluded' })
  @IsCalendarDate()
  endDate: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 6,
    default: 0,
    description: 'Funded travel days: up to 2, up to 6 with green travel',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(6)
  travelDays?: number;

  @ApiPropertyOptional({ default: false, description: 'Sustainable means of transport for the main part of the trip' })
  @IsOptional()
  @IsBoolean()
  greenTravel?: boolean;
}

export class UpdateMobilityDto {
  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  startDate?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  endDate?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'null removes the host' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsUUID('all', { message: 'hostOrganisationId must be a UUID or null' })
  hostOrganisationId?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 6 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(6)
  travelDays?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  greenTravel?: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 200,
    description: 'The host’s mentor; null removes the mentor',
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'mentorName must not be empty (send null to remove it)' })
  @MaxLength(200)
  mentorName?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 320,
    description: 'The mentor receives the host’s reminders; null: the host organisation’s contact does',
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @MaxLength(320)
  @IsEmail({}, { message: 'mentorEmail must be an e-mail address' })
  mentorEmail?: string | null;
}

export class MentorDto {
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null: the host organisation’s contact receives the host’s reminders',
  })
  email: string | null;
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListMobilitiesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'projectId must be a UUID' })
  projectId?: string;

  @ApiPropertyOptional({ enum: MOBILITY_STATES })
  @IsOptional()
  @IsIn(MOBILITY_STATES)
  phase?: MobilityState;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'hostOrganisationId must be a UUID' })
  hostOrganisationId?: string;

  @ApiPropertyOptional({ description: 'true: only mobilities with an overdue open task; false: only those without' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({
    description: 'true: only the mobilities you go on yourself (as their participant), whichever school sends you',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'mine must be true or false' })
  mine?: boolean;

  @ApiPropertyOptional({ description: "Search in the participant's name and e-mail and the host's name" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ParticipantDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty() email: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: "Null when unknown, and always for a host mentor (not a host's business)",
  })
  dateOfBirth: string | null;
}

export class ParticipantSummaryDto {
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty() email: string;
}

export class DueTaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() key: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
}

export class MobilitySummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ type: ParticipantSummaryDto }) participant: ParticipantSummaryDto;
  @ApiProperty({ enum: ACTIVITY_TYPE_CODES }) activityType: ActivityTypeCode;
  @ApiProperty({ type: OrganisationRefDto }) sendingOrganisation: OrganisationRefDto;
  @ApiProperty({ type: OrganisationRefDto, nullable: true }) hostOrganisation: OrganisationRefDto | null;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ enum: MOBILITY_STATES }) phase: MobilityState;
  @ApiProperty() version: number;
  @ApiProperty() placementConfirmed: boolean;
  @ApiProperty({ description: 'Open tasks past their due date (0 once completed or withdrawn)' }) overdueTasks: number;
  @ApiProperty({ type: DueTaskDto, nullable: true, description: 'The open task due first' })
  nextDueTask: DueTaskDto | null;
}

export class MobilityPageDto extends PageDto {
  @ApiProperty({ type: [MobilitySummaryDto] })
  items: MobilitySummaryDto[];
}

export class TaskCountsDto {
  @ApiProperty() open: number;
  @ApiProperty() done: number;
  @ApiProperty() waived: number;
  @ApiProperty() overdue: number;
}

export class MobilityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ type: ParticipantDto }) participant: ParticipantDto;
  @ApiProperty({ enum: ACTIVITY_TYPE_CODES }) activityType: ActivityTypeCode;
  @ApiProperty({ type: OrganisationRefDto }) sendingOrganisation: OrganisationRefDto;
  @ApiProperty({ type: OrganisationRefDto, nullable: true }) hostOrganisation: OrganisationRefDto | null;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ description: 'Days abroad, first and last day counted, travel excluded' }) durationDays: number;
  @ApiProperty() travelDays: number;
  @ApiProperty() greenTravel: boolean;
  @ApiProperty() placementConfirmed: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) placementConfirmedAt: string | null;
  @ApiProperty({ type: MentorDto, nullable: true, description: 'The host’s named mentor, when there is one' })
  mentor: MentorDto | null;
  @ApiProperty({ enum: MOBILITY_STATES }) phase: MobilityState;
  @ApiProperty({ description: 'Changes with every update; sent as the ETag' }) version: number;
  @ApiProperty({ description: 'Open tasks past their due date, as taskCounts.overdue' }) overdueTasks: number;
  @ApiProperty({
    enum: MOBILITY_EVENT_TYPES,
    isArray: true,
    description: "Events the lifecycle accepts now and the caller's role may send",
  })
  allowedEvents: MobilityEventType[];
  @ApiProperty({
    enum: MOBILITY_ROLES,
    description: 'What the signed-in person is to this mobility (sending coordinator or staff, host mentor, learner)',
  })
  yourRole: MobilityRole;
  @ApiProperty({ type: TaskCountsDto }) taskCounts: TaskCountsDto;
  @ApiProperty({ type: DueTaskDto, nullable: true }) nextDueTask: DueTaskDto | null;
  @ApiProperty({ description: 'The checklist version this mobility follows (kept until someone moves it)' })
  checklistVersion: number;
  @ApiProperty({
    description:
      'The checklist version new mobilities get; when higher than checklistVersion the sending side may move this mobility to it',
  })
  currentChecklistVersion: number;
  @ApiProperty() machineVersion: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MobilityEventRequestDto {
  @ApiProperty({ enum: MOBILITY_EVENT_TYPES })
  @IsIn(MOBILITY_EVENT_TYPES, { message: `type must be one of ${MOBILITY_EVENT_TYPES.join(', ')}` })
  type: MobilityEventType;

  @ApiPropertyOptional({ description: 'Required for REOPEN and WITHDRAW', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class UnmetConditionDto {
  @ApiProperty({ enum: UNMET_CONDITION_CODES, enumName: 'UnmetConditionCode', example: 'MANDATORY_TASK_OPEN' })
  code: UnmetConditionCode;
  @ApiProperty() message: string;
  @ApiPropertyOptional() taskKey?: string;
  @ApiPropertyOptional() title?: string;
  @ApiPropertyOptional({ enum: MOBILITY_STATES }) phase?: MobilityState;
}

/** The problem (409 `lifecycle-refused`) of an event the lifecycle refuses now. */
export class LifecycleRefusedDto {
  @ApiProperty({ enum: [problemType('lifecycle-refused')] }) type: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 409 }) status: number;
  @ApiProperty() detail: string;
  @ApiPropertyOptional({ description: 'The path of the request' }) instance?: string;
  @ApiProperty({ enum: MOBILITY_EVENT_TYPES }) event: MobilityEventType;
  @ApiProperty({ enum: MOBILITY_STATES }) phase: MobilityState;
  @ApiProperty({ type: [UnmetConditionDto] }) unmet: UnmetConditionDto[];
}

export class LifecycleEventDto {
  @ApiProperty() sequence: number;
  @ApiProperty({
    example: 'ADVANCE',
    description: 'CREATE, EDIT (dates or host changed; `reason` says how) or a lifecycle event type',
  })
  event: string;
  @ApiProperty({ type: String, nullable: true, enum: MOBILITY_STATES }) from: MobilityState | null;
  @ApiProperty({ enum: MOBILITY_STATES }) to: MobilityState;
  @ApiProperty() actor: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
}

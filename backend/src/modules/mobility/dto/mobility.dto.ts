import {
  ACTIVITY_TYPE_CODES,
  ActivityTypeCode,
  INSURANCE_COVER_KINDS,
  INSURANCE_RISKS,
  InsuranceCoverKind,
  InsuranceRisk,
  isIsoDate,
  PARTICIPANT_REPORT_ACTIONS,
  PARTICIPANT_REPORT_STATUSES,
  ParticipantReportAction,
  ParticipantReportStatus,
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
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsISO31661Alpha2,
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
  registerDecorator,
  ValidationArguments,
} from 'class-validator';
import { PageDto, PageQuery } from '../../../common/pagination';
import { IsCalendarDate, Trim } from '../../../common/validators';
import { OrganisationRefDto } from '../../project/dto/project.dto';
import { GuardianInputDto } from '../guardian/dto/guardian.dto';

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

  @ApiPropertyOptional({
    format: 'date',
    example: '2007-04-12',
    description: 'Required for learners (422 otherwise): under 18 on the first day abroad, a guardian consents',
  })
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

  @ApiPropertyOptional({
    type: GuardianInputDto,
    description: 'Required when the participant is under 18 on the first day abroad: they are e-mailed a consent link',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GuardianInputDto)
  guardian?: GuardianInputDto;

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

  @ApiPropertyOptional({
    default: false,
    description: "The BM's flag: a participant with fewer opportunities (no reason is recorded here)",
  })
  @IsOptional()
  @IsBoolean()
  fewerOpportunities?: boolean;
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
    description:
      "The BM's flag: a participant with fewer opportunities (no reason is recorded here); the sending side's, until the mobility is closed",
  })
  @IsOptional()
  @IsBoolean()
  fewerOpportunities?: boolean;

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

/** The orders of the mobility list; `-` reverses one. */
export const MOBILITY_SORT_KEYS = [
  'startDate',
  'endDate',
  'learner',
  'host',
  'hostCountry',
  'phase',
  'overdueTasks',
] as const;
export const MOBILITY_SORTS = MOBILITY_SORT_KEYS.flatMap((k) => [k, `-${k}`] as const);
export type MobilitySortKey = (typeof MOBILITY_SORT_KEYS)[number];
export type MobilitySort = MobilitySortKey | `-${MobilitySortKey}`;

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

  @ApiPropertyOptional({ example: 'ES', description: "The host organisation's country (ISO 3166-1 alpha-2)" })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsISO31661Alpha2({ message: 'hostCountry must be an ISO 3166-1 alpha-2 code such as ES' })
  hostCountry?: string;

  @ApiPropertyOptional({ enum: ACTIVITY_TYPE_CODES })
  @IsOptional()
  @IsIn(ACTIVITY_TYPE_CODES, { message: `activityType must be one of ${ACTIVITY_TYPE_CODES.join(', ')}` })
  activityType?: ActivityTypeCode;

  @ApiPropertyOptional({ format: 'date', description: 'Only stays that end on or after this day' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Only stays that begin on or before this day (not before `from`)',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    enum: MOBILITY_SORTS,
    description: 'Order of the list; a leading `-` reverses it. Default: startDate (earliest first)',
  })
  @IsOptional()
  @IsIn(MOBILITY_SORTS, { message: `sort must be one of ${MOBILITY_SORTS.join(', ')}` })
  sort?: MobilitySort;
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
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Age on the first day abroad; null when the date of birth is unknown, and for a host mentor',
  })
  ageAtStart: number | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Under 18 on the first day abroad (the host needs to know, not the age); null when unknown',
  })
  minor: boolean | null;
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
  @ApiProperty({ description: 'A catch-up task (due before its schedule was set): never shown as late' })
  catchUp: boolean;
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

export class InsuranceCoverDto {
  @ApiProperty({
    enum: INSURANCE_COVER_KINDS,
    description: 'policy, or the European Health Insurance Card (health only)',
  })
  @IsIn(INSURANCE_COVER_KINDS, { message: `kind must be one of ${INSURANCE_COVER_KINDS.join(', ')}` })
  kind: InsuranceCoverKind;

  @ApiProperty({ maxLength: 200, description: 'The insurer (for an EHIC: the issuing health insurer)' })
  @Trim()
  @IsString()
  @Length(1, 200)
  insurer: string;

  @ApiProperty({ maxLength: 100, description: 'Policy number (for an EHIC: the card number)' })
  @Trim()
  @IsString()
  @Length(1, 100)
  policyNumber: string;

  @ApiProperty({ enum: INSURANCE_RISKS, isArray: true, description: 'The risks this cover takes' })
  @IsArray()
  @ArrayMinSize(1, { message: 'risks must name at least one risk' })
  @ArrayMaxSize(3)
  @IsIn(INSURANCE_RISKS, { each: true, message: `each risk must be one of ${INSURANCE_RISKS.join(', ')}` })
  risks: InsuranceRisk[];
}

export class RecordInsuranceDto {
  @ApiProperty({
    type: [InsuranceCoverDto],
    description:
      'Every cover of the stay (replaces what was recorded); together: health, accident and third-party liability',
  })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => InsuranceCoverDto)
  covers: InsuranceCoverDto[];
}

export class InsuranceDto {
  @ApiProperty({
    type: [InsuranceCoverDto],
    description: "The covers recorded (empty for the host's mentor: missingRisks says whether the stay is covered)",
  })
  covers: InsuranceCoverDto[];
  @ApiProperty({
    enum: INSURANCE_RISKS,
    isArray: true,
    description: 'Risks no cover takes for a stay in the host country (empty: complete; implementation needs it)',
  })
  missingRisks: InsuranceRisk[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) recordedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) recordedBy: string | null;
}

export class InterruptionDto {
  @ApiProperty({ format: 'date', description: 'The actual last day abroad' }) actualEndDate: string;
  @ApiProperty({ description: 'Days abroad actually spent, first and last day counted' }) actualDurationDays: number;
  @ApiProperty() forceMajeure: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why; for the sending side and the learner only' })
  reason: string | null;
  @ApiProperty({ format: 'date-time' }) interruptedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'Who recorded it (sending side only)' })
  interruptedBy: string | null;
}

export class ParticipantReportDto {
  @ApiProperty({ enum: PARTICIPANT_REPORT_STATUSES, nullable: true, description: 'null: not requested yet' })
  status: ParticipantReportStatus | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) requestedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSentAt: string | null;
  @ApiProperty() resentCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Submission deadline: the due date of the "participant report submitted" task',
  })
  deadline: string | null;
  @ApiProperty({ description: 'Requested or undelivered, and the deadline has passed' }) overdue: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When a re-send is possible (once per 24 hours); null when it is not re-sendable',
  })
  resendableFrom: string | null;
}

export class RecordParticipantReportDto {
  @ApiProperty({
    enum: PARTICIPANT_REPORT_ACTIONS,
    description:
      'request (ticks "participant report requested"), resend (at most once per 24 h), undelivered, submitted (ticks "participant report submitted"), excluded (by the NA)',
  })
  @IsIn(PARTICIPANT_REPORT_ACTIONS, { message: `action must be one of ${PARTICIPANT_REPORT_ACTIONS.join(', ')}` })
  action: ParticipantReportAction;
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
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description:
      "The BM's flag: a participant with fewer opportunities. null: not shown to you (the sending side's only, personal data)",
  })
  fewerOpportunities: boolean | null;
  @ApiProperty({ description: 'The BM\'s "Mobility activity ID", e.g. 123456-MOB-00001' }) bmActivityId: string;
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
    type: () => [UnmetConditionDto],
    description:
      'What still stops ADVANCE now (the sending side only; empty when it may advance, in a final state, or for others); `taskKey` names the task that settles a condition',
  })
  advanceUnmet: UnmetConditionDto[];
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
  @ApiProperty({ type: InsuranceDto }) insurance: InsuranceDto;
  @ApiProperty({
    type: InterruptionDto,
    nullable: true,
    description: 'The stay was interrupted: its actual last day (startDate/endDate stay the planned dates)',
  })
  interruption: InterruptionDto | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The day the learning agreement was ticked done (school time zone); null while not done',
  })
  learningAgreementCompletedOn: string | null;
  @ApiProperty({ description: 'The learning agreement was completed after the first day abroad (reference §3.6)' })
  learningAgreementLate: boolean;
  @ApiProperty({ type: ParticipantReportDto }) participantReport: ParticipantReportDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** Interruption fields: required for INTERRUPT, refused (400 naming the field) with any other event. */
function InterruptField(kind: 'date' | 'boolean'): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'interruptField',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const interrupt = (args.object as { type?: unknown }).type === 'INTERRUPT';
          if (!interrupt) return value === undefined;
          return kind === 'date' ? isIsoDate(value) : typeof value === 'boolean';
        },
        defaultMessage: (args: ValidationArguments) => {
          const interrupt = (args.object as { type?: unknown }).type === 'INTERRUPT';
          if (!interrupt) return `${args.property} is only taken with INTERRUPT`;
          return kind === 'date'
            ? `${args.property} is required for INTERRUPT: the actual last day abroad, written YYYY-MM-DD`
            : `${args.property} is required for INTERRUPT: true or false`;
        },
      },
    });
}

export class MobilityEventRequestDto {
  @ApiProperty({ enum: MOBILITY_EVENT_TYPES })
  @IsIn(MOBILITY_EVENT_TYPES, { message: `type must be one of ${MOBILITY_EVENT_TYPES.join(', ')}` })
  type: MobilityEventType;

  @ApiPropertyOptional({ description: 'Required for REOPEN, WITHDRAW and INTERRUPT', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({
    format: 'date',
    description:
      'INTERRUPT only (required there): the actual last day abroad, from T0 to the day before T1, not in the future',
  })
  @InterruptField('date')
  actualEndDate?: string;

  @ApiPropertyOptional({ description: 'INTERRUPT only (required there): the interruption was caused by force majeure' })
  @InterruptField('boolean')
  forceMajeure?: boolean;
}

export class UnmetConditionDto {
  @ApiProperty({ enum: UNMET_CONDITION_CODES, enumName: 'UnmetConditionCode', example: 'MANDATORY_TASK_OPEN' })
  code: UnmetConditionCode;
  @ApiProperty() message: string;
  @ApiPropertyOptional() taskKey?: string;
  @ApiPropertyOptional() title?: string;
  @ApiPropertyOptional({ enum: MOBILITY_STATES }) phase?: MobilityState;
  @ApiPropertyOptional({
    enum: INSURANCE_RISKS,
    isArray: true,
    description: 'INSURANCE_MISSING: the risks not covered',
  })
  missingRisks?: InsuranceRisk[];
  @ApiPropertyOptional({
    format: 'date',
    description: 'STAY_NOT_STARTED / STAY_NOT_ENDED: the first day it is possible',
  })
  earliestDate?: string;
  @ApiPropertyOptional({ description: 'INTERRUPTION_*: the request field concerned' })
  field?: string;
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
    description:
      'CREATE, EDIT (dates, host, guardian or accompanying persons changed; `reason` says how), CONSENT (the guardian answered through their link) or a lifecycle event type',
  })
  event: string;
  @ApiProperty({ type: String, nullable: true, enum: MOBILITY_STATES }) from: MobilityState | null;
  @ApiProperty({ enum: MOBILITY_STATES }) to: MobilityState;
  @ApiProperty({
    description: 'Who, as recorded: an e-mail address, host:<address> (a host contact), guardian:<address>',
  })
  actor: string;
  @ApiProperty({
    example: 'Katrin Weber',
    description: "Who, for people to read: the person's name, or the host organisation's name for a host contact",
  })
  actorName: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'host not assigned → Talleres Mecánicos Castilla S.L.',
    description: 'The reason for people to read: organisations by name, not by id',
  })
  reasonText: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
}

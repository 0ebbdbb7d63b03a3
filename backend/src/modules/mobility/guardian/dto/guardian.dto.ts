import { CONSENT_STATES, ConsentState, GUARDIAN_RELATIONSHIPS, GuardianRelationship } from '@mobility-hub/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsCalendarDate, Trim } from '../../../../common/validators';

/**
 * A minor's parent or legal guardian, as the school names them. Every field is required for a
 * participant under 18 on the first day abroad (422 naming `guardian.<field>` when one is blank).
 * Contact data only: nothing about health or beliefs (reference §7.2).
 */
export class GuardianInputDto {
  @ApiProperty({ example: 'Maria Huber', maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'maria.huber@example.org', description: 'The consent link is sent here' })
  @IsOptional()
  @Trim()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: '+43 660 1234567', maxLength: 40 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(40)
  phone: string;

  @ApiProperty({ enum: GUARDIAN_RELATIONSHIPS })
  @IsOptional()
  @IsIn(GUARDIAN_RELATIONSHIPS, { message: `relationship must be one of ${GUARDIAN_RELATIONSHIPS.join(', ')}` })
  relationship: GuardianRelationship;
}

export class ConsentAnswerDto {
  @ApiProperty({ enum: ['given', 'refused'] }) answer: 'given' | 'refused';
  @ApiProperty({ description: 'The name the guardian typed when answering' }) signedName: string;
  @ApiProperty({ description: 'The address the link was sent to' }) guardianEmail: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The address the answer came from (sending side only; null for the participant)',
  })
  ip: string | null;
  @ApiProperty({ format: 'date-time' }) answeredAt: string;
}

export class GuardianDto {
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty() phone: string;
  @ApiProperty({ enum: GUARDIAN_RELATIONSHIPS }) relationship: GuardianRelationship;
}

/** The guardian part of a mobility file: who they are and where their consent stands. */
export class GuardianFileDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Age on the first day abroad; null: no date of birth' })
  ageAtStart: number | null;
  @ApiProperty({ description: 'Under 18 on the first day abroad' }) minor: boolean;
  @ApiProperty({ type: GuardianDto, nullable: true }) guardian: GuardianDto | null;
  @ApiProperty({
    enum: CONSENT_STATES,
    description:
      'not-needed (adult), no-guardian (a minor without a guardian: to fix), pending, given, refused (the task stays open)',
  })
  consent: ConsentState;
  @ApiProperty({ type: ConsentAnswerDto, nullable: true, description: 'The latest answer through the link' })
  lastAnswer: ConsentAnswerDto | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the current link stops working',
  })
  linkExpiresAt: string | null;
  @ApiProperty({ description: 'The sending side may change the guardian and re-send the link' }) editable: boolean;
}

export class ResentLinkDto {
  @ApiProperty({ description: 'Where the link was sent' }) sentTo: string;
}

/** A staff member of the sending school who goes with a group or a minor. */
export class AccompanyingPersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userAccountId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
}

export class AddAccompanyingPersonDto {
  @ApiProperty({ format: 'uuid', description: 'A member (coordinator or staff) of the sending school' })
  @IsUUID('all', { message: 'userAccountId must be a UUID' })
  userAccountId: string;

  @ApiProperty({ format: 'date', description: 'Within the stay, travel days included' })
  @IsCalendarDate()
  startDate: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  endDate: string;
}

/** The school's staff members who may accompany (members of the sending organisation). */
export class StaffMemberDto {
  @ApiProperty({ format: 'uuid' }) userAccountId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class AccompanyingPersonsDto {
  @ApiProperty({ type: [AccompanyingPersonDto] }) items: AccompanyingPersonDto[];
  @ApiProperty({ type: [StaffMemberDto], description: 'Who may be added (sending side only; empty for others)' })
  candidates: StaffMemberDto[];
}

import { ACTIVITY_TYPE_CODES, ActivityTypeCode, CONSENT_STATES, ConsentState } from '@mobility-hub/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../../common/validators';

export const GUARDIAN_LINK_STATES = ['valid', 'used', 'expired'] as const;

/**
 * What a guardian sees through their link: what they are asked to consent to (who, where, when,
 * which school), nothing more — no date of birth, no checklist, no other contact.
 */
export class GuardianConsentViewDto {
  @ApiProperty({
    enum: GUARDIAN_LINK_STATES,
    description: 'used / expired: the page explains; the school sends a new link',
  })
  link: (typeof GUARDIAN_LINK_STATES)[number];
  @ApiProperty({ format: 'date-time' }) linkExpiresAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) linkUsedAt: string | null;
  @ApiProperty({
    enum: CONSENT_STATES,
    description:
      'pending: waits for the answer; given / refused: answered; not-needed: no longer a minor on the start date',
  })
  consent: ConsentState;
  @ApiProperty({ description: 'The mobility is completed or withdrawn' }) closed: boolean;
  @ApiProperty({ description: 'The guardian’s name as the school recorded it' }) guardianName: string;
  @ApiProperty() participantName: string;
  @ApiProperty({ description: 'The sending school: the one asking' }) school: string;
  @ApiProperty({ type: String, nullable: true }) schoolEmail: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The host organisation, when chosen' }) hostOrganisation:
    | string
    | null;
  @ApiProperty({ type: String, nullable: true }) hostCity: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'ES' }) hostCountry: string | null;
  @ApiProperty({ enum: ACTIVITY_TYPE_CODES }) activityType: ActivityTypeCode;
  @ApiProperty({ description: 'The activity in words' }) activity: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ description: 'Travel days before and after, if funded' }) travelDays: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When this link answered' })
  answeredAt: string | null;
}

export class GuardianAnswerDto {
  @ApiProperty({ maxLength: 200, description: 'The guardian types their full name: it is recorded with the answer' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  name: string;
}

export class GuardianRefusalDto extends GuardianAnswerDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'Why not, for the school (optional)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

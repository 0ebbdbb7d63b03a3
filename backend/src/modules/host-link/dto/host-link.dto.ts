import { ACTIVITY_TYPE_CODES, ActivityTypeCode, MOBILITY_STATES, MobilityState } from '@mobility-hub/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export const LINK_STATES = ['valid', 'used', 'expired'] as const;
export const PLACEMENT_ANSWERS = ['waiting', 'confirmed', 'declined', 'host-changed', 'closed'] as const;
export type PlacementAnswer = (typeof PLACEMENT_ANSWERS)[number];

/** What a host sees through its link: what it needs to decide, nothing more (no date of birth). */
export class HostPlacementDto {
  @ApiProperty({ enum: LINK_STATES, description: 'used / expired: the page explains and offers a new link' })
  link: (typeof LINK_STATES)[number];
  @ApiProperty({
    enum: PLACEMENT_ANSWERS,
    description:
      'waiting: the placement waits for this host’s answer; confirmed / declined: answered; host-changed: another host was chosen; closed: the mobility ended or was withdrawn',
  })
  answer: PlacementAnswer;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When this host declined, if it did' })
  declinedAt: string | null;
  @ApiProperty({ format: 'date-time' }) linkExpiresAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) linkUsedAt: string | null;
  @ApiProperty() learnerName: string;
  @ApiProperty({
    description: 'The learner’s e-mail, to get in touch; empty once this host is no longer the learner’s host',
  })
  learnerEmail: string;
  @ApiProperty() sendingOrganisation: string;
  @ApiProperty() hostOrganisation: string;
  @ApiProperty({ enum: ACTIVITY_TYPE_CODES }) activityType: ActivityTypeCode;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ enum: MOBILITY_STATES }) phase: MobilityState;
  @ApiProperty() placementConfirmed: boolean;
  @ApiProperty({ type: String, nullable: true }) mentorName: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Whom at the school to contact: the mobility’s responsible person, its coordinator or the school',
  })
  schoolContactName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'That person’s (or the school’s) e-mail address' })
  schoolContactEmail: string | null;
}

export class ConfirmPlacementDto {
  @ApiProperty({ maxLength: 200, description: 'Who looks after the learner at the host' })
  @IsString()
  @IsNotEmpty({ message: 'mentorName must not be empty' })
  @MaxLength(200)
  mentorName: string;

  @ApiProperty({ maxLength: 320, description: 'The mentor receives the host’s reminders' })
  @MaxLength(320)
  @IsEmail({}, { message: 'mentorEmail must be an e-mail address' })
  mentorEmail: string;
}

export class DeclinePlacementDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'Why the host cannot take the learner (shown to the school)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class RenewedLinkDto {
  @ApiProperty({ description: 'Where the new link was sent, partly hidden' }) sentTo: string;
}

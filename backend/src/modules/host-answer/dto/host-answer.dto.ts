import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';

export const HOST_ANSWER_KINDS = ['confirmed', 'declined'] as const;

/** A host's answer to a placement request, as the school keeps it (it outlives the host being reset). */
export class HostAnswerDto {
  @ApiProperty({ format: 'uuid' }) mobilityId: string;
  @ApiProperty({ enum: HOST_ANSWER_KINDS }) answer: (typeof HOST_ANSWER_KINDS)[number];
  @ApiProperty({ description: 'The host organisation’s name when it answered' }) hostName: string;
  @ApiProperty({ description: 'The host’s contact who answered through the link (e-mail address)' })
  answeredBy: string;
  @ApiProperty({ format: 'date-time' }) answeredAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why the host declined, if it said' })
  reason: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The mentor the host named when confirming' })
  mentorName: string | null;
  @ApiProperty() participant: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({
    description:
      'Whether the answer still describes the mobility: a decline with no host chosen since, a confirmation by the current host',
  })
  current: boolean;
}

/** The answers since the signed-in person last looked, newest first. */
export class RecentHostAnswersDto {
  @ApiProperty({ format: 'date-time', description: 'Answers after this instant count as new' })
  since: string;
  @ApiProperty({ type: [HostAnswerDto] }) answers: HostAnswerDto[];
}

export class HostAnswerNoticesQuery {
  @ApiProperty({ required: false, format: 'uuid', description: 'The current answers of one project’s mobilities' })
  @IsOptional()
  @IsUUID('all', { message: 'projectId must be a UUID' })
  projectId?: string;

  @ApiProperty({ required: false, format: 'uuid', description: 'The current answer of one mobility' })
  @IsOptional()
  @IsUUID('all', { message: 'mobilityId must be a UUID' })
  mobilityId?: string;
}

export class MarkHostAnswersSeenDto {
  @ApiProperty({ format: 'date-time', description: 'The answers up to this instant have been seen' })
  @IsISO8601({ strict: true }, { message: 'upTo must be a date-time, e.g. 2026-12-03T10:00:00Z' })
  upTo: string;
}

import { MAIL_KINDS, MailKind } from '@mobility-hub/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { PageDto, PageQuery } from '../../../common/pagination';

export const OUTBOX_STATUSES = ['pending', 'queued', 'sent', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export const MAIL_KIND_NAMES = Object.keys(MAIL_KINDS) as MailKind[];

export class ListOutboxQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: OUTBOX_STATUSES,
    description: 'pending also covers mail handed to the queue but not sent yet (queued)',
  })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES, { message: `status must be one of ${OUTBOX_STATUSES.join(', ')}` })
  status?: OutboxStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'mobilityId must be a UUID' })
  mobilityId?: string;

  @ApiPropertyOptional({ description: 'The recipient’s e-mail address (exact, case-insensitive)' })
  @IsOptional()
  @MaxLength(320)
  @IsEmail({}, { message: 'recipient must be an e-mail address' })
  recipient?: string;
}

export class OutboxMessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MAIL_KIND_NAMES }) kind: MailKind;
  @ApiProperty({ enum: OUTBOX_STATUSES }) status: OutboxStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) mobilityId: string | null;
  @ApiProperty() recipientEmail: string;
  @ApiProperty() recipientName: string;
  @ApiProperty() locale: string;
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'Not before this instant (the recipient’s working hours)' }) sendAfter: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'The last SMTP answer or connection error' }) lastError:
    | string
    | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) sentAt: string | null;
  @ApiProperty({ type: String, nullable: true }) smtpMessageId: string | null;
}

export class OutboxPageDto extends PageDto {
  @ApiProperty({ type: [OutboxMessageDto] }) items: OutboxMessageDto[];
}

export const REMINDER_OCCASIONS = ['request', 'due-soon', 'due-today', 'overdue', 'catch-up'] as const;
export const REMINDER_STATUSES = ['outboxed', 'muted', 'no-recipient'] as const;

export class SentReminderDto {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty() taskTitle: string;
  @ApiProperty({ enum: REMINDER_OCCASIONS }) occasion: (typeof REMINDER_OCCASIONS)[number];
  @ApiProperty({ format: 'date' }) occasionDate: string;
  @ApiProperty({ enum: MAIL_KIND_NAMES }) mailKind: MailKind;
  @ApiProperty({
    enum: REMINDER_STATUSES,
    description:
      'outboxed: written as an e-mail; muted: the recipient muted this kind; no-recipient: nobody to write to',
  })
  status: (typeof REMINDER_STATUSES)[number];
  @ApiProperty({ type: String, nullable: true }) recipientEmail: string | null;
  @ApiProperty({ type: String, enum: OUTBOX_STATUSES, nullable: true }) mailStatus: OutboxStatus | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) outboxId: string | null;
  @ApiProperty({ type: String, nullable: true }) sentAt: string | null;
}

export class PlannedReminderDto {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty() taskTitle: string;
  @ApiProperty({ enum: REMINDER_OCCASIONS }) occasion: (typeof REMINDER_OCCASIONS)[number];
  @ApiProperty({ format: 'date' }) occasionDate: string;
  @ApiProperty({ description: 'When it goes out: the first working moment of that day for the recipient' })
  sendAt: string;
  @ApiProperty({ enum: MAIL_KIND_NAMES }) mailKind: MailKind;
  @ApiProperty({ type: String, nullable: true, description: 'null: nobody to write to (no address on file)' })
  recipientEmail: string | null;
  @ApiProperty({ description: 'The recipient muted this kind: it will not be sent' }) muted: boolean;
}

export class MobilityRemindersDto {
  @ApiProperty({ type: [SentReminderDto], description: 'Occasions already handled, newest first' })
  sent: SentReminderDto[];
  @ApiProperty({ type: [PlannedReminderDto], description: 'What comes next, soonest first' })
  planned: PlannedReminderDto[];
}

export class MailLogEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MAIL_KIND_NAMES }) kind: MailKind;
  @ApiProperty() recipientName: string;
  @ApiProperty() recipientEmail: string;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: OUTBOX_STATUSES }) status: OutboxStatus;
  @ApiProperty({ description: 'When it was written' }) createdAt: string;
  @ApiProperty({ description: 'Not before this instant (the recipient’s working hours)' }) sendAfter: string;
  @ApiProperty({ type: String, nullable: true }) sentAt: string | null;
  @ApiProperty({
    type: [String],
    description: 'The tasks of this mobility it reminded of (a reminder mail may list tasks of other mobilities too)',
  })
  tasks: string[];
}

export class MuteDto {
  @ApiProperty({ description: 'The recipient, partly hidden (the link is all one needs to hold)' }) recipient: string;
  @ApiProperty({ enum: MAIL_KIND_NAMES }) kind: MailKind;
  @ApiProperty() muted: boolean;
  @ApiProperty({ description: 'false: a deadline of the programme, which keeps coming until the task is done' })
  mutable: boolean;
}

export class CaughtMailSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ type: String, nullable: true }) from: string | null;
  @ApiProperty({ type: [String] }) to: string[];
  @ApiProperty() subject: string;
}

export class CaughtMailDto extends CaughtMailSummaryDto {
  @ApiProperty({ type: String, nullable: true }) messageId: string | null;
  @ApiProperty({ type: String, nullable: true }) html: string | null;
  @ApiProperty({ type: String, nullable: true }) text: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) headers: Record<string, string>;
}

export const MAILBOX_SCOPES = ['all', 'mine'] as const;
export type MailboxScope = (typeof MAILBOX_SCOPES)[number];

export class CaughtMailPageDto extends PageDto {
  @ApiProperty({ type: [CaughtMailSummaryDto] }) items: CaughtMailSummaryDto[];
  @ApiProperty({
    enum: MAILBOX_SCOPES,
    enumName: 'MailboxScope',
    description:
      'Which messages the Mailbox shows this caller: `all` (the public demo Mailbox, on this computer only) or ' +
      '`mine` (those addressed to the signed-in person or to an organisation they coordinate)',
  })
  scope: MailboxScope;
}

export class ListMailboxQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Search in subject and recipients' })
  @IsOptional()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'The Message-ID header, e.g. an outbox row’s smtpMessageId' })
  @IsOptional()
  @MaxLength(300)
  messageId?: string;
}

import { Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentIdentity, Identity, OptionalIdentity, Public, SessionOptional } from '../../common/identity';
import { UuidParam } from '../../common/params';
import { ApiProblems } from '../../common/problem/api-problems';
import { BodyLimit, SMALL_BODY_LIMIT } from '../../common/request-limits';
import {
  CaughtMailDto,
  CaughtMailPageDto,
  ListMailboxQuery,
  ListOutboxQuery,
  MailLogEntryDto,
  MobilityRemindersDto,
  MuteDto,
  OutboxMessageDto,
  OutboxPageDto,
} from './dto/notification.dto';
import { OutboxService } from './outbox.service';

@ApiTags('mail')
@BodyLimit(SMALL_BODY_LIMIT) // no route here takes a body (mute links are public)
@Controller()
export class NotificationController {
  constructor(private readonly outbox: OutboxService) {}

  @Get('outbox')
  @ApiOperation({
    operationId: 'listOutbox',
    summary: 'E-mails written by the product: pending (incl. queued), sent, failed or cancelled; newest first',
  })
  @ApiOkResponse({ type: OutboxPageDto })
  @ApiProblems(400)
  list(@CurrentIdentity() identity: Identity, @Query() query: ListOutboxQuery): Promise<OutboxPageDto> {
    return this.outbox.list(identity, query);
  }

  @Post('outbox/:id/retry')
  @HttpCode(200)
  @ApiOperation({ operationId: 'retryOutboxMessage', summary: 'Send a failed message again (a new delivery)' })
  @ApiOkResponse({ type: OutboxMessageDto })
  @ApiProblems(400, 404, 'not-failed')
  retry(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<OutboxMessageDto> {
    return this.outbox.retry(identity, id);
  }

  @Get('mobilities/:id/reminders')
  @ApiOperation({
    operationId: 'listMobilityReminders',
    summary: 'Reminders of a mobility: what was sent (or muted), what is planned next and when',
  })
  @ApiOkResponse({ type: MobilityRemindersDto })
  @ApiProblems(400, 401, 403, 404)
  reminders(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<MobilityRemindersDto> {
    return this.outbox.reminders(identity, id);
  }

  @Get('mobilities/:id/mail')
  @ApiOperation({
    operationId: 'listMobilityMail',
    summary: 'Every e-mail about a mobility, newest first: to whom, what, when written and sent, its status',
  })
  @ApiOkResponse({ type: [MailLogEntryDto] })
  @ApiProblems(400, 401, 403, 404)
  mailLog(@CurrentIdentity() identity: Identity, @UuidParam() id: string): Promise<MailLogEntryDto[]> {
    return this.outbox.mailLog(identity, id);
  }

  @Get('mutes/:token')
  @Public() // the signed token is the capability
  @ApiOperation({
    operationId: 'getMute',
    summary: 'Whether the recipient and kind of a mute link (from an e-mail) are muted',
  })
  @ApiParam({ name: 'token', description: 'The signed token of the e-mail’s mute link' })
  @ApiOkResponse({ type: MuteDto })
  @ApiProblems(404)
  getMute(@Param('token') token: string): Promise<MuteDto> {
    return this.outbox.mute(token);
  }

  @Put('mutes/:token')
  @Public()
  @ApiOperation({
    operationId: 'mute',
    summary: 'Mute this kind of e-mail for this recipient (only kinds that are advice, not deadlines)',
  })
  @ApiParam({ name: 'token', description: 'The signed token of the e-mail’s mute link' })
  @ApiOkResponse({ type: MuteDto })
  @ApiProblems(404, 'not-mutable')
  mute(@Param('token') token: string): Promise<MuteDto> {
    return this.outbox.mute(token, true);
  }

  @Delete('mutes/:token')
  @Public()
  @ApiOperation({ operationId: 'unmute', summary: 'Receive this kind of e-mail again' })
  @ApiParam({ name: 'token', description: 'The signed token of the e-mail’s mute link' })
  @ApiOkResponse({ type: MuteDto })
  @ApiProblems(404)
  unmute(@Param('token') token: string): Promise<MuteDto> {
    return this.outbox.mute(token, false);
  }

  // The embedded catcher's messages (like Mailpit). Who reads what: mailbox-access.ts — 404 whenever
  // SMTP_URL is set (always in production); else each signed-in person their own mail, or, with
  // PUBLIC_DEMO_MAILBOX=true, every message to a request made on this computer.
  @Get('mailbox')
  @SessionOptional()
  @ApiOperation({
    operationId: 'listMailbox',
    summary: 'Messages caught by the embedded SMTP catcher (only when SMTP_URL is unset) that the caller may read',
    description:
      'Newest first. Signed in: the messages addressed to you or to an organisation you coordinate (`scope: mine`). ' +
      'With PUBLIC_DEMO_MAILBOX=true (a demo on one computer), a request from that computer (loopback address ' +
      'and Host, no proxy) reads every message without signing in (`scope: all`). 404 when SMTP_URL is set.',
  })
  @ApiOkResponse({ type: CaughtMailPageDto })
  @ApiProblems(400, 404)
  mailbox(
    @OptionalIdentity() identity: Identity | null,
    @Req() request: FastifyRequest,
    @Query() query: ListMailboxQuery,
  ): Promise<CaughtMailPageDto> {
    return this.outbox.mailbox(identity, request, query);
  }

  @Get('mailbox/:id')
  @SessionOptional()
  @ApiOperation({
    operationId: 'getMailboxMessage',
    summary: 'One caught message with its HTML, text and headers (another person’s is a 404)',
    description: 'Who may read which message: as for listMailbox.',
  })
  @ApiOkResponse({ type: CaughtMailDto })
  @ApiProblems(400, 404)
  caughtMail(
    @OptionalIdentity() identity: Identity | null,
    @Req() request: FastifyRequest,
    @UuidParam() id: string,
  ): Promise<CaughtMailDto> {
    return this.outbox.caughtMail(identity, request, id);
  }
}

import { Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Identity, Public } from '../../common/identity';
import { UuidParam } from '../../common/params';
import { ApiProblems } from '../../common/problem/api-problems';
import { BodyLimit, SMALL_BODY_LIMIT } from '../../common/request-limits';
import {
  CaughtMailDto,
  CaughtMailPageDto,
  ListMailboxQuery,
  ListOutboxQuery,
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

  @Get('mailbox')
  @Public() // the demo's mail catcher, like Mailpit: 404 whenever SMTP_URL is set (always in production)
  @ApiOperation({
    operationId: 'listMailbox',
    summary: 'Messages caught by the embedded SMTP catcher (only when SMTP_URL is unset), newest first',
  })
  @ApiOkResponse({ type: CaughtMailPageDto })
  @ApiProblems(400, 404)
  mailbox(@Query() query: ListMailboxQuery): Promise<CaughtMailPageDto> {
    return this.outbox.mailbox(query);
  }

  @Get('mailbox/:id')
  @Public()
  @ApiOperation({ operationId: 'getMailboxMessage', summary: 'One caught message with its HTML, text and headers' })
  @ApiOkResponse({ type: CaughtMailDto })
  @ApiProblems(400, 404)
  caughtMail(@UuidParam() id: string): Promise<CaughtMailDto> {
    return this.outbox.caughtMail(id);
  }
}

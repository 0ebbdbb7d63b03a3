import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { RateLimitGuard } from '../../common/rate-limit.guard';
import { BodyLimit, SMALL_BODY_LIMIT } from '../../common/request-limits';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/identity';
import { ApiProblems } from '../../common/problem/api-problems';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuthService, SESSION_COOKIE } from '../auth/auth.service';
import { MeDto } from '../auth/dto/auth.dto';
import { setSessionCookie } from '../auth/session-cookie';
import { AcceptInvitationDto, InvitationViewDto } from './dto/team.dto';
import { InvitationService } from './invitation.service';

/** The invited person's link: no account needed to open it (the token is the capability). */
@ApiTags('team')
@Public()
@UseGuards(RateLimitGuard)
@BodyLimit(SMALL_BODY_LIMIT)
@Controller('invitations/:token')
export class InvitationController {
  constructor(
    private readonly invitations: InvitationService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'getInvitation',
    summary: 'What an invitation link offers (nothing changes on opening it)',
  })
  @ApiParam({ name: 'token', description: 'The token of the invitation link' })
  @ApiOkResponse({ type: InvitationViewDto })
  @ApiProblems(404, 'link-used', 'link-expired', 'too-many-requests')
  view(@Param('token') token: string): Promise<InvitationViewDto> {
    return this.invitations.view(token);
  }

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'acceptInvitation',
    summary:
      'Join the organisation: a new address gets an account (name and password) and is signed in; an existing account must be signed in (401 sign-in-first otherwise)',
  })
  @ApiParam({ name: 'token', description: 'The token of the invitation link' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(400, 'sign-in-first', 404, 'link-used', 'link-expired', 'too-many-requests')
  async accept(
    @Param('token') token: string,
    @Body() dto: AcceptInvitationDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeDto> {
    // Public route: the session, if any, is read here only to know whether an existing account is its owner.
    const signedIn = await this.auth.identify(request.cookies?.[SESSION_COOKIE]);
    const accepted = await this.invitations.accept(token, dto, signedIn, request.ip);
    if (accepted.session) setSessionCookie(reply, accepted.session, this.config.auth.secureCookies);
    return accepted.me;
  }
}

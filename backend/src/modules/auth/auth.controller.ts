import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { RateLimitGuard } from '../../common/rate-limit.guard';
import { BodyLimit, SMALL_BODY_LIMIT } from '../../common/request-limits';
import {
  ApiAcceptedResponse,
  ApiExtension,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/problem/api-problems';
import {
  CurrentIdentity,
  Identity,
  OptionalIdentity,
  Public,
  PUBLIC_EXTENSION,
  SessionOptional,
} from '../../common/identity';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuthService, SESSION_COOKIE } from './auth.service';
import { LinkRequestService } from './link-requests.service';
import { setSessionCookie } from './session-cookie';
import {
  ChangePasswordDto,
  EmailDto,
  MeDto,
  NewPasswordDto,
  RequestAcceptedDto,
  SessionDto,
  SignInDto,
} from './dto/auth.dto';

@ApiTags('auth')
@BodyLimit(SMALL_BODY_LIMIT) // a few fields at most: an e-mail address, passwords
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly linkRequests: LinkRequestService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('sign-in')
  @Public()
  @UseGuards(RateLimitGuard) // per client address, on top of the per-address lockout
  @HttpCode(200)
  @ApiOperation({
    operationId: 'signIn',
    summary: 'Sign in with e-mail and password: sets the HttpOnly session cookie',
  })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(400, 'sign-in-failed', 'sign-in-locked', 'too-many-requests')
  async signIn(
    @Body() dto: SignInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeDto> {
    const { me, token, expiresAt } = await this.auth.signIn(dto, request.ip);
    setSessionCookie(reply, { token, expiresAt }, this.config.auth.secureCookies);
    return me;
  }

  @Post('password-reset')
  @Public()
  @UseGuards(RateLimitGuard)
  @HttpCode(202)
  @ApiOperation({
    operationId: 'requestPasswordReset',
    summary: 'E-mail a password-reset link (one use, 60 minutes) if the address has an account',
  })
  @ApiAcceptedResponse({ type: RequestAcceptedDto })
  @ApiProblems(400, 'too-many-requests')
  async requestPasswordReset(@Body() dto: EmailDto, @Req() request: FastifyRequest): Promise<RequestAcceptedDto> {
    await this.linkRequests.request('password-reset', dto.email, request.ip);
    return { message: 'If this address has an account, a link to reset the password is on its way.' };
  }

  @Post('password-reset/:token')
  @Public()
  @UseGuards(RateLimitGuard)
  @HttpCode(204)
  @ApiOperation({
    operationId: 'resetPassword',
    summary: 'Set a new password with the e-mailed link; every session of the account ends',
  })
  @ApiParam({ name: 'token', description: 'The token of the reset link' })
  @ApiNoContentResponse()
  @ApiProblems(400, 404, 'link-used', 'link-expired', 'too-many-requests')
  async resetPassword(
    @Param('token') token: string,
    @Body() dto: NewPasswordDto,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.auth.resetPassword(token, dto.password, request.ip);
  }

  @Post('sign-in-link')
  @Public()
  @UseGuards(RateLimitGuard)
  @HttpCode(202)
  @ApiOperation({
    operationId: 'requestSignInLink',
    summary: 'A learner asks for a sign-in link by e-mail (one use, 15 minutes)',
  })
  @ApiAcceptedResponse({ type: RequestAcceptedDto })
  @ApiProblems(400, 'too-many-requests')
  async requestSignInLink(@Body() dto: EmailDto, @Req() request: FastifyRequest): Promise<RequestAcceptedDto> {
    await this.linkRequests.request('magic-link', dto.email, request.ip);
    return { message: 'If this address belongs to a learner, a sign-in link is on its way.' };
  }

  @Post('sign-in-link/:token')
  @Public()
  @UseGuards(RateLimitGuard)
  @HttpCode(200)
  @ApiOperation({ operationId: 'signInWithLink', summary: 'Sign in with the e-mailed link: sets the session cookie' })
  @ApiParam({ name: 'token', description: 'The token of the sign-in link' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(404, 'link-used', 'link-expired', 'too-many-requests')
  async signInWithLink(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeDto> {
    const signedIn = await this.auth.signInWithLink(token, request.ip);
    setSessionCookie(reply, signedIn, this.config.auth.secureCookies);
    return signedIn.me;
  }

  @Post('sign-out')
  @Public()
  @HttpCode(204)
  @ApiOperation({ operationId: 'signOut', summary: 'End the session (the cookie stops working everywhere)' })
  @ApiNoContentResponse()
  async signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.signOut(request.cookies[SESSION_COOKIE], request.ip);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Post('password')
  @UseGuards(RateLimitGuard)
  @HttpCode(204)
  @ApiOperation({
    operationId: 'changePassword',
    summary: "Change one's password (proving the current one); every other session ends",
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 422, 'sign-in-locked', 'too-many-requests')
  async changePassword(
    @CurrentIdentity() identity: Identity,
    @Body() dto: ChangePasswordDto,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.auth.changePassword(
      identity,
      request.cookies[SESSION_COOKIE] ?? '',
      dto.currentPassword,
      dto.password,
      request.ip,
    );
  }

  @Post('sign-out-everywhere')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'signOutEverywhere',
    summary: 'End every session of the signed-in person, on every device',
  })
  @ApiNoContentResponse()
  async signOutEverywhere(
    @CurrentIdentity() identity: Identity,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.signOutEverywhere(identity, request.ip);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @ApiOperation({ operationId: 'getMe', summary: 'The signed-in user, with their organisations and roles' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(401)
  me(@CurrentIdentity() identity: Identity): Promise<MeDto> {
    return this.auth.me(identity.userId);
  }

  // The dashboard's start-up probe: nobody signed in is an expected answer there, not an error (a 401
  // would be logged in the browser's console on every public page).
  @Get('session')
  @SessionOptional()
  @ApiExtension(PUBLIC_EXTENSION, true) // callable without a session (the document says so)
  @ApiOperation({
    operationId: 'getSession',
    summary: 'Whether someone is signed in, and who: always 200 (`signedIn: false` without a session)',
    description: 'For the app’s own start-up check. GET /api/auth/me answers 401 without a session.',
  })
  @ApiOkResponse({ type: SessionDto })
  async session(@OptionalIdentity() identity: Identity | null): Promise<SessionDto> {
    return identity ? { signedIn: true, user: await this.auth.me(identity.userId) } : { signedIn: false, user: null };
  }
}

import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/problem/api-problems';
import { Problems } from '../../common/problem/problem';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuthService, SESSION_COOKIE } from './auth.service';
import { EmailDto, MeDto, NewPasswordDto, RequestAcceptedDto, SignInDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('sign-in')
  @UseGuards(ThrottlerGuard) // per client address, on top of the per-address lockout
  @HttpCode(200)
  @ApiOperation({ operationId: 'signIn', summary: 'Sign in with e-mail and password: sets the HttpOnly session cookie' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(400, 401, 429)
  async signIn(@Body() dto: SignInDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<MeDto> {
    const { me, token, expiresAt } = await this.auth.signIn(dto, request.ip);
    this.setSessionCookie(reply, token, expiresAt);
    return me;
  }

  @Post('password-reset')
  @UseGuards(ThrottlerGuard)
  @HttpCode(202)
  @ApiOperation({ operationId: 'requestPasswordReset', summary: 'E-mail a password-reset link (one use, 60 minutes) if the address has an account' })
  @ApiAcceptedResponse({ type: RequestAcceptedDto })
  @ApiProblems(400, 429)
  async requestPasswordReset(@Body() dto: EmailDto, @Req() request: FastifyRequest): Promise<RequestAcceptedDto> {
    await this.auth.requestLink('password-reset', dto.email, request.ip);
    return { message: 'If this address has an account, a link to reset the password is on its way.' };
  }

  @Post('password-reset/:token')
  @UseGuards(ThrottlerGuard)
  @HttpCode(204)
  @ApiOperation({ operationId: 'resetPassword', summary: 'Set a new password with the e-mailed link; every session of the account ends' })
  @ApiParam({ name: 'token', description: 'The token of the reset link' })
  @ApiNoContentResponse()
  @ApiProblems(400, 404, 410, 429)
  async resetPassword(@Param('token') token: string, @Body() dto: NewPasswordDto, @Req() request: FastifyRequest): Promise<void> {
    await this.auth.resetPassword(token, dto.password, request.ip);
  }

  @Post('sign-in-link')
  @UseGuards(ThrottlerGuard)
  @HttpCode(202)
  @ApiOperation({ operationId: 'requestSignInLink', summary: 'A learner asks for a sign-in link by e-mail (one use, 15 minutes)' })
  @ApiAcceptedResponse({ type: RequestAcceptedDto })
  @ApiProblems(400, 429)
  async requestSignInLink(@Body() dto: EmailDto, @Req() request: FastifyRequest): Promise<RequestAcceptedDto> {
    await this.auth.requestLink('magic-link', dto.email, request.ip);
    return { message: 'If this address belongs to a learner, a sign-in link is on its way.' };
  }

  @Post('sign-in-link/:token')
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ operationId: 'signInWithLink', summary: 'Sign in with the e-mailed link: sets the session cookie' })
  @ApiParam({ name: 'token', description: 'The token of the sign-in link' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(404, 410, 429)
  async signInWithLink(@Param('token') token: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<MeDto> {
    const signedIn = await this.auth.signInWithLink(token, request.ip);
    this.setSessionCookie(reply, signedIn.token, signedIn.expiresAt);
    return signedIn.me;
  }

  @Post('sign-out')
  @HttpCode(204)
  @ApiOperation({ operationId: 'signOut', summary: 'End the session (the cookie stops working everywhere)' })
  @ApiNoContentResponse()
  async signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.signOut(request.cookies[SESSION_COOKIE], request.ip);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @ApiOperation({ operationId: 'getMe', summary: 'The signed-in user, with their organisations and roles' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(401)
  async me(@Req() request: FastifyRequest): Promise<MeDto> {
    const me = await this.auth.identify(request.cookies[SESSION_COOKIE]);
    if (!me) throw Problems.unauthorized('signed-out', 'Not signed in', 'Sign in to continue.');
    return me;
  }

  private setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date): void {
    void reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.auth.secureCookies,
      path: '/',
      expires: expiresAt,
    });
  }
}

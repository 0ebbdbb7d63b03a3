import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/problem/api-problems';
import { Problems } from '../../common/problem/problem';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuthService, SESSION_COOKIE } from './auth.service';
import { MeDto, SignInDto } from './dto/auth.dto';

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
    void reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.auth.secureCookies,
      path: '/',
      expires: expiresAt,
    });
    return me;
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
}

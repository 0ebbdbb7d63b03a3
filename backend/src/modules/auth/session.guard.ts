import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Identity, PUBLIC_ROUTE_KEY, SESSION_OPTIONAL_ROUTE_KEY } from '../../common/identity';
import { Problems } from '../../common/problem/problem';
import { AuthService, SESSION_COOKIE } from './auth.service';

/**
 * Every route needs a signed-in session unless it is marked @Public(): a route added without a
 * thought is closed, not open. The identity is read from the session cookie, never from a header
 * or a body field, and handed to the route (@CurrentIdentity()). A @SessionOptional() route gets the
 * identity when there is one and decides itself what a request without one gets.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE_KEY, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { identity?: Identity }>();
    const identity = await this.auth.identify(request.cookies?.[SESSION_COOKIE]);
    if (identity) request.identity = identity;
    else if (
      !this.reflector.getAllAndOverride<boolean>(SESSION_OPTIONAL_ROUTE_KEY, [context.getHandler(), context.getClass()])
    )
      throw Problems.unauthorized('signed-out', 'Not signed in', 'Sign in to continue.');
    return true;
  }
}

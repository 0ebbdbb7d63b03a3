import type { AccessIdentity, MemberRole } from '@mobility-hub/domain';
import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/**
 * The signed-in person of a request, read from the session by the session guard. Every query that
 * returns or changes a tenant's data is scoped by it; it is never taken from a header or a body field.
 */
export interface Identity extends AccessIdentity {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly memberships: readonly { readonly organisationId: string; readonly role: MemberRole }[];
}

const IS_PUBLIC = 'mobility-hub:public';

/**
 * A route anyone may call without signing in: signing in itself, health, and the routes whose
 * capability is a secret in the URL (host links, mute links, invitations).
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

const SESSION_OPTIONAL = 'mobility-hub:session-optional';

/**
 * A route that reads the session when there is one but lets the route itself answer a request
 * without one (the Mailbox: 404 when there is none, every message on the public demo's loopback,
 * else 401). The OpenAPI document says it needs the session, which is the rule; the route's
 * description names the exception. The route reads the person with @OptionalIdentity().
 */
export const SessionOptional = () => SetMetadata(SESSION_OPTIONAL, true);
export const SESSION_OPTIONAL_ROUTE_KEY = SESSION_OPTIONAL;

/** Marks public operations in the OpenAPI document (every other one needs the session cookie). */
export const PUBLIC_EXTENSION = 'x-public';
export const PUBLIC_ROUTE_KEY = IS_PUBLIC;

/** The signed-in identity (the session guard has refused the request if there is none). */
export const CurrentIdentity = createParamDecorator((_: unknown, context: ExecutionContext): Identity => {
  const identity = context.switchToHttp().getRequest<{ identity?: Identity }>().identity;
  if (!identity) throw new Error('CurrentIdentity on a public route');
  return identity;
});

/** The signed-in identity on a @SessionOptional() route, or null for a request without a session. */
export const OptionalIdentity = createParamDecorator(
  (_: unknown, context: ExecutionContext): Identity | null =>
    context.switchToHttp().getRequest<{ identity?: Identity }>().identity ?? null,
);

/** How a person is recorded in histories (lifecycle events, task status changes). */
export function actorOf(identity: Identity): string {
  return identity.email;
}

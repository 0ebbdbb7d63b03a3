import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { Problems } from './problem/problem';

/**
 * The per-client-address rate limit (`@UseGuards(RateLimitGuard)`, configured in the API module):
 * @nestjs/throttler's guard, whose refusal is our 429 problem — a plain title and detail, the wait
 * in `retryAfterSeconds` and the Retry-After header — instead of its exception's own message.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw Problems.tooManyRequests(
      'too-many-requests',
      `Too many requests from this address: try again in ${seconds} seconds.`,
      seconds,
    );
  }
}

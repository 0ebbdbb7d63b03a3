import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { producerConnection } from '../../queue/redis';

export interface QueueHealth {
  readonly status: 'up' | 'down';
  readonly message?: string;
}

/**
 * Whether the mail queue's Redis answers. The API works without it (mail waits in the outbox),
 * so this is reported, not fatal: health stays 200 with `queue: down`.
 */
@Injectable()
export class QueueHealthIndicator implements OnModuleDestroy {
  private redis: Redis | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async check(): Promise<QueueHealth> {
    if (!this.redis) {
      this.redis = producerConnection(this.config.redis.url, { lazyConnect: true, retryStrategy: () => null });
      this.redis.on('error', () => undefined); // answered as "down" below
    }
    const redis = this.redis;
    try {
      if (redis.status === 'end' || redis.status === 'wait') await redis.connect().catch(() => undefined);
      const answer = await Promise.race([
        redis.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000).unref()),
      ]);
      return answer === 'PONG' ? { status: 'up' } : { status: 'down', message: String(answer) };
    } catch (error) {
      return { status: 'down', message: `Redis unreachable (${(error as Error).message}); e-mail waits in the outbox` };
    }
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}

import { Redis, RedisOptions } from 'ioredis';

/**
 * Redis connections. A worker's connection waits for Redis for ever (BullMQ requires
 * `maxRetriesPerRequest: null` for blocking commands); a producer's fails fast, so an HTTP
 * request or the outbox relay never hangs on a Redis that is down — the outbox keeps the mail.
 */
export function workerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

export function producerConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    commandTimeout: 5000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    ...extra,
  });
}

import { QueryFailedError } from 'typeorm';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BODY_LIMIT, formatBytes } from '../request-limits';
import { Problem, PROBLEM_CONTENT_TYPE, ProblemException, Problems } from './problem';

/**
 * Every error leaves as `application/problem+json`. Client mistakes keep their 4xx status and a
 * message that names the field; anything unexpected is a 500 whose details stay in the log.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    // The size limit of the route the request was for (a route's own, or the global one).
    const bodyLimit = request.routeOptions?.bodyLimit ?? BODY_LIMIT;
    const problem: Problem = { ...toProblem(exception, this.logger, bodyLimit), instance: request.url.split('?')[0] };
    if (typeof problem['retryAfterSeconds'] === 'number')
      void reply.header('retry-after', String(problem['retryAfterSeconds']));
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}

/** Turns anything thrown into a problem document (also used by Fastify's own error handler). */
export function toProblem(exception: unknown, logger: Logger, bodyLimit = BODY_LIMIT): Problem {
  if (exception instanceof ProblemException) {
    if (exception.problem.status >= 500) logger.error(`${exception.problem.title}: ${exception.problem.detail ?? ''}`);
    return exception.problem;
  }
  // Nest's Fastify adapter wraps Fastify's own 4xx errors in an HttpException; describe the original.
  if (exception instanceof HttpException && isClientFastifyError(exception.cause)) {
    return fastifyProblem(exception.cause, bodyLimit);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    return Problems.fromStatus(
      status,
      Array.isArray(message) ? message.join('; ') : String(message ?? exception.message),
    );
  }
  // Errors raised by Fastify itself before a handler runs (body parsing, size, media type).
  if (isClientFastifyError(exception)) {
    return fastifyProblem(exception, bodyLimit);
  }
  if (exception instanceof QueryFailedError) {
    const driver = exception.driverError as { code?: string; constraint?: string; table?: string };
    if (driver.code === LOCK_NOT_AVAILABLE || driver.code === QUERY_CANCELED) {
      return {
        ...Problems.fromStatus(503, 'The mobility is busy with another change; try again in a moment.'),
        retryAfterSeconds: 2,
      };
    }
    // Never the message: PostgreSQL quotes input values (personal data) in it.
    logger.error(
      `QueryFailedError code=${driver.code} constraint=${driver.constraint ?? '-'} table=${driver.table ?? '-'}\n${stackFrames(exception)}`,
    );
    return Problems.fromStatus(500, 'An unexpected error occurred; it has been logged.');
  }
  logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return Problems.fromStatus(500, 'An unexpected error occurred; it has been logged.');
}

/** SQLSTATEs of the lock and statement timeouts set on every connection. */
const LOCK_NOT_AVAILABLE = '55P03';
const QUERY_CANCELED = '57014';

function stackFrames(error: Error): string {
  return (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
}

function isClientFastifyError(error: unknown): error is { statusCode: number; code?: unknown; message?: unknown } {
  const statusCode = (error as { statusCode?: unknown } | null | undefined)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
}

function fastifyProblem(error: { statusCode: number; code?: unknown; message?: unknown }, bodyLimit: number): Problem {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const limit = formatBytes(bodyLimit);
    const message = `The request body is larger than the ${limit} this route accepts.`;
    return {
      ...Problems.fromStatus(413, message),
      errors: [{ field: 'body', rule: `size ≤ ${limit}`, message }],
    };
  }
  return Problems.fromStatus(error.statusCode, describeFastifyError(error));
}

function describeFastifyError(error: { code?: unknown; message?: unknown }): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the request body as application/json.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty but declared as JSON.';
    default:
      return typeof error.message === 'string' && error.message.length > 0
        ? `Malformed request: ${error.message}`
        : 'Malformed request.';
  }
}

import { BadRequestException, Logger, NotFoundException } from '@nestjs/common';
import { Problems } from './problem';
import { toProblem } from './problem.filter';

describe('toProblem', () => {
  const logger = new Logger('test');
  beforeEach(() => jest.spyOn(logger, 'error').mockImplementation(() => undefined));

  it('keeps a problem exception as it is', () => {
    const problem = toProblem(Problems.notFound('Mobility', 'x', 'id'), logger);
    expect(problem).toMatchObject({ status: 404, errors: [{ field: 'id', rule: 'exists' }] });
  });

  it('maps Nest HTTP exceptions to their status', () => {
    expect(toProblem(new NotFoundException('Cannot GET /api/x'), logger)).toMatchObject({
      status: 404,
      title: 'Not found',
    });
    expect(toProblem(new BadRequestException(['a', 'b']), logger)).toMatchObject({ status: 400, detail: 'a; b' });
  });

  it('maps Fastify client errors (body too large, media type) to their 4xx', () => {
    expect(toProblem({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }, logger, 8192)).toMatchObject({
      status: 413,
      detail: 'The request body is larger than the 8 KB this route accepts.',
      errors: [{ field: 'body', rule: 'size ≤ 8 KB' }],
    });
    expect(toProblem({ statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }, logger)).toMatchObject({
      status: 415,
    });
  });

  it('hides unexpected errors behind a 500 and logs them', () => {
    const problem = toProblem(new Error('connection string postgres://secret@db'), logger);
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('secret');
    expect(logger.error).toHaveBeenCalled();
  });
});

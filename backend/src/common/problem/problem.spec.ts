import { PROBLEM_CODES, problemCodeOf } from '@mobility-hub/domain';
import { Problems } from './problem';

describe('Problems.fromStatus', () => {
  it.each([400, 401, 403, 404, 405, 406, 409, 410, 412, 413, 415, 422, 429, 500, 503])(
    'answers %i with a registered code of that status',
    (status) => {
      const code = problemCodeOf(Problems.fromStatus(status, 'detail').type);
      expect(code).not.toBeNull();
      expect(code && PROBLEM_CODES[code].status).toBe(status);
    },
  );

  it('answers any other status with a registered general code', () => {
    expect(problemCodeOf(Problems.fromStatus(418, 'detail').type)).toBe('request-failed');
    expect(problemCodeOf(Problems.fromStatus(502, 'detail').type)).toBe('internal');
  });
});

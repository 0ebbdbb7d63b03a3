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

describe('Problems.invalidRequest', () => {
  const errors = (n: number) => Array.from({ length: n }, (_, i) => ({ field: `f${i}`, rule: 'r', message: 'm' }));

  it('lists every error up to 20', () => {
    const problem = Problems.invalidRequest(errors(20)).problem;
    expect(problem.errors).toHaveLength(20);
    expect(problem).not.toHaveProperty('errorsOmitted');
  });

  it('lists the first 20 errors and counts the rest', () => {
    const problem = Problems.invalidRequest(errors(1000)).problem;
    expect(problem.errors?.map((e) => e.field)).toEqual(errors(20).map((e) => e.field));
    expect(problem['errorsOmitted']).toBe(980);
  });
});

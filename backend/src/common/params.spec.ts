import { ProblemException } from './problem/problem';
import { etagOf, parseIfMatch } from './params';

describe('If-Match parsing', () => {
  it.each([
    ['"3"', 3],
    ['W/"12"', 12],
    ['7', 7],
    [' "4" ', 4],
  ])('reads %s as version %d', (header, version) => {
    expect(parseIfMatch(header)).toBe(version);
  });

  it.each([undefined, '', '*'])('treats %p as no precondition', (header) => {
    expect(parseIfMatch(header)).toBeUndefined();
  });

  it.each(['"abc"', '"1", "2"', 'W/', '"-1"'])('answers 400 for %p', (header) => {
    try {
      parseIfMatch(header);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      expect((error as ProblemException).problem).toMatchObject({ status: 400, errors: [{ field: 'If-Match' }] });
    }
  });

  it('writes the version as a strong ETag that parses back', () => {
    expect(etagOf(9)).toBe('"9"');
    expect(parseIfMatch(etagOf(9))).toBe(9);
  });
});

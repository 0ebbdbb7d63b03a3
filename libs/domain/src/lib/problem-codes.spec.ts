import { isProblemCode, PROBLEM_CODES, problemCodeOf, problemType } from './problem-codes';

describe('the problem code registry', () => {
  it('turns a code into its type URI and back', () => {
    expect(problemType('link-used')).toBe('urn:mobility-hub:problem:link-used');
    expect(problemCodeOf('urn:mobility-hub:problem:link-used')).toBe('link-used');
  });

  it('knows no code outside the registry, nor a type of another namespace', () => {
    expect(problemCodeOf('urn:mobility-hub:problem:no-such-code')).toBeNull();
    expect(problemCodeOf('urn:other:problem:link-used')).toBeNull();
    expect(problemCodeOf('urn:mobility-hub:problem:toString')).toBeNull();
    expect(problemCodeOf(undefined)).toBeNull();
    expect(isProblemCode('constructor')).toBe(false);
  });

  it('gives every code an HTTP error status and a description', () => {
    for (const [code, entry] of Object.entries(PROBLEM_CODES)) {
      expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.description.length).toBeGreaterThan(10);
    }
  });
});

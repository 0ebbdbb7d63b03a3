import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const committed = join(__dirname, 'generated');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('the generated API client', () => {
  it('is exactly what ng-openapi-gen makes of the committed OpenAPI document (run `npx nx run api-client:generate`)', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'api-client-'));
    try {
      execFileSync(
        process.execPath,
        [
          join(root, 'node_modules', 'ng-openapi-gen', 'lib', 'index.js'),
          '-c',
          'libs/api-client/ng-openapi-gen.json',
          '--output',
          fresh,
        ],
        { cwd: root, stdio: 'pipe' },
      );
      const read = (dir: string) =>
        Object.fromEntries(files(dir).map((path) => [relative(dir, path), readFileSync(path, 'utf8')]));
      const expected = read(fresh);
      expect(Object.keys(expected).length).toBeGreaterThan(10);
      expect(read(committed)).toEqual(expected);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});

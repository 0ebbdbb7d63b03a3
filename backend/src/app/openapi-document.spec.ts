import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApi } from './openapi-document';

describe('the committed OpenAPI document', () => {
  it('is exactly what the code produces (run `npm run openapi` after changing the API)', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8');
    const produced = await generateOpenApi();
    expect(JSON.parse(produced)).toEqual(JSON.parse(committed));
    expect(produced).toBe(committed);
  });
});

import { writeFileSync } from 'node:fs';
import { generateOpenApi, OPENAPI_PATH } from './openapi';

generateOpenApi()
  .then((json) => {
    writeFileSync(OPENAPI_PATH, json);
    // eslint-disable-next-line no-console
    console.log(`wrote ${OPENAPI_PATH}`);
  })
  .catch((error: unknown) => {
    // eslint-disable-next-line no-console
    console.error(error);
    process.exit(1);
  });

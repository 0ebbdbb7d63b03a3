import { writeFileSync } from 'node:fs';
import { generateOpenApi, OPENAPI_PATH } from './openapi-document';

generateOpenApi()
  .then((json) => {
    writeFileSync(OPENAPI_PATH, json);
    console.log(`wrote ${OPENAPI_PATH}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });

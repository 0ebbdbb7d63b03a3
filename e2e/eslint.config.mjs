import baseConfig, { NO_FOCUSED_OR_SKIPPED_TESTS } from '../eslint.config.mjs';

// Every file of the browser tests (specs and their support code) is test code.
export default [...baseConfig, { files: ['**/*.ts'], rules: NO_FOCUSED_OR_SKIPPED_TESTS }];

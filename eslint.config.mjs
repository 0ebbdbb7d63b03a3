import nx from '@nx/eslint-plugin';

/** The names a test framework hangs its tests on: Jest's describe/it/test, Playwright's test (and test.describe …). */
const TEST_ROOTS = '/^(describe|it|test)$/';
const NOT_RUN = 'No focused, skipped, fixme, todo or expected-to-fail tests: every test runs, and can fail.';

/**
 * Focused, skipped (conditional skips included), fixme, todo and expected-to-fail tests, in Jest and
 * Playwright: `it.only`, `describe.skip`, `it.skip.each`, `it.concurrent.only`, `it.failing`, `it.todo`,
 * `test.describe.skip/only/fixme`, `test.describe.serial.only`, `test.fixme`, `test.fail`,
 * `test.skip(condition, …)`, `test.step.skip`, `test.info().skip()`, `testInfo.fixme()` …
 */
export const NO_FOCUSED_OR_SKIPPED_TESTS = {
  'no-restricted-syntax': [
    'error',
    {
      // The modifier on a test name, up to three members deep (test.describe.serial.only).
      selector: `MemberExpression[property.name=/^(only|skip|fixme|fail|failing|todo)$/]:matches([object.name=${TEST_ROOTS}], [object.object.name=${TEST_ROOTS}], [object.object.object.name=${TEST_ROOTS}])`,
      message: NOT_RUN,
    },
    {
      // Playwright's skips from inside a test: testInfo.skip(), test.info().fixme() …
      selector:
        'CallExpression[callee.property.name=/^(skip|fixme|fail)$/]:matches([callee.object.name=/[iI]nfo$/], [callee.object.callee.property.name="info"])',
      message: NOT_RUN,
    },
    {
      selector: 'CallExpression[callee.name=/^(fdescribe|fit|ftest|xdescribe|xit|xtest)$/]',
      message: NOT_RUN,
    },
  ],
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/out-tsc',
      '**/.angular',
      'libs/api-client/src/generated/**',
      'e2e/test-results/**',
      'e2e/playwright-report/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      // The arrows point one way: domain ← backend, domain ← frontend; backend and frontend never meet,
      // and the domain uses no framework (only xstate, which runs anywhere).
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          // @app/** and @testing/** are the dashboard's own folders (tsconfig.base.json paths): an import
          // through them stays inside the frontend project, where path aliases replace ../../ paths.
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '@app/**', '@testing/**'],
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              allowedExternalImports: ['xstate', 'xstate/*'],
            },
            { sourceTag: 'type:backend', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'type:frontend', onlyDependOnLibsWithTags: ['type:domain', 'type:api-client'] },
            { sourceTag: 'type:api-client', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: [] },
          ],
        },
      ],
    },
  },
  {
    // HTTP tests read untyped JSON bodies; `any` there is the honest type.
    files: ['**/test/**/*.ts', '**/*.int-spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Test code everywhere, the browser tests' support files included (e2e/eslint.config.mjs repeats it
    // for ESLint runs that start from e2e/).
    files: ['**/*.spec.ts', '**/*.test.ts', '**/*.int-spec.ts', 'e2e/**/*.ts'],
    rules: NO_FOCUSED_OR_SKIPPED_TESTS,
  },
];

import nx from '@nx/eslint-plugin';

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
    files: ['**/*.spec.ts', '**/*.test.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.object.name=/^(describe|it|test)$/][callee.property.name=/^(only|skip)$/]',
          message: 'No focused or skipped tests.',
        },
        {
          selector: 'CallExpression[callee.name=/^(fdescribe|fit|xdescribe|xit|xtest)$/]',
          message: 'No focused or skipped tests.',
        },
      ],
    },
  },
];

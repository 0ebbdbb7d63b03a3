import nx from '@nx/eslint-plugin';
import baseConfig from '../eslint.config.mjs';

// The dashboard imports its own folders through the `@app/*` path alias (tsconfig.base.json) rather than
// `../../..`: the module-boundary rule, otherwise the repository's, lets the frontend import itself that way.
const [level, boundaries] = baseConfig.find((c) => c.rules?.['@nx/enforce-module-boundaries']).rules[
  '@nx/enforce-module-boundaries'
];

export default [
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/directive-selector': [
        'error',
        {
          type: 'attribute',
          prefix: 'app',
          style: 'camelCase',
        },
      ],
      '@angular-eslint/component-selector': [
        'error',
        {
          type: 'element',
          prefix: 'app',
          style: 'kebab-case',
        },
      ],
      // House style: OnPush everywhere, inject() instead of constructor injection.
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
      '@angular-eslint/prefer-inject': 'error',
      '@nx/enforce-module-boundaries': [level, { ...boundaries, allowCircularSelfDependency: true }],
    },
  },
  {
    // Imports that leave their folder go through the path aliases @app/* (src/app) and @testing/*
    // (src/testing), never ../ paths. features/mobility is being split and follows when that lands.
    files: ['**/*.ts'],
    ignores: ['**/src/app/features/mobility/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./',
              message: 'Import through @app/* (frontend/src/app) or @testing/* (frontend/src/testing) instead of ../',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.html'],
    rules: {
      '@angular-eslint/template/prefer-control-flow': 'error',
    },
  },
];

// Integration tests: through HTTP against the real PostgreSQL (DATABASE_URL or 127.0.0.1:5432).
// Each test file creates and drops its own database, so files run in parallel safely.
module.exports = {
  displayName: 'backend-integration',
  preset: '../jest.preset.js',
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.int-spec.ts'],
  transform: { '^.+\\.(ts|js|mjs)$': require('./swc.jest.cjs') },
  // NestJS 12 ships ES modules only; Jest runs CommonJS, so SWC converts those packages too.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|@electric-sql|@fastify/static|@fastify/cookie|cookie|content-disposition)/)',
  ],
  moduleFileExtensions: ['ts', 'js'],
  moduleNameMapper: { '^@mobility-hub/domain$': '<rootDir>/../libs/domain/src/index.ts' },
  testTimeout: 60000,
  maxWorkers: 2,
};

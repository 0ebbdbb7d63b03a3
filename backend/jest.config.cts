module.exports = {
  displayName: 'backend',
  preset: '../jest.preset.js',
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.(ts|js|mjs)$': require('./swc.jest.cjs') },
  // NestJS 12 ships ES modules only; Jest runs CommonJS, so SWC converts those packages too.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|@electric-sql|@fastify/static|@fastify/cookie|cookie|content-disposition)/)',
  ],
  moduleFileExtensions: ['ts', 'js'],
  moduleNameMapper: { '^@mobility-hub/domain$': '<rootDir>/../libs/domain/src/index.ts' },
  coverageDirectory: '../coverage/backend',
};

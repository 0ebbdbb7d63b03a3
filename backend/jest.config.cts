module.exports = {
  displayName: 'backend',
  preset: '../jest.preset.js',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': require('./swc.jest.cjs') },
  moduleFileExtensions: ['ts', 'js'],
  moduleNameMapper: { '^@mobility-hub/domain$': '<rootDir>/../libs/domain/src/index.ts' },
  coverageDirectory: '../coverage/backend',
};

/**
 * One jest run for the whole workspace: unit tests beside the code (*.spec.ts), integration
 * tests on real Postgres and Kafka (*.integration.spec.ts) and the end-to-end loop through
 * the HTTP APIs (*.e2e-spec.ts). The global setup finds or starts the infrastructure once.
 */
const { readFileSync } = require('node:fs');

const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/deploy'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  moduleNameMapper: {
    '^@gridwhistle/(intake|routing|department|feedback)/database$': '<rootDir>/services/$1/src/database',
    '^@gridwhistle/([a-z-]+)$': '<rootDir>/libs/$1/src',
  },
  globalSetup: '<rootDir>/deploy/system/jest.global-setup.ts',
  globalTeardown: '<rootDir>/deploy/system/jest.global-teardown.ts',
  testTimeout: 90_000,
  maxWorkers: 2,
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The reliability suite runs the built CLI as processes for minutes: `npm run test:reliability`.
  testPathIgnorePatterns: ['/node_modules/', '/test/reliability/'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
};

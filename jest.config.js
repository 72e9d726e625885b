// Two projects: `unit` (pure core, milliseconds, no Strapi) and `integration` (a real Strapi
// booted programmatically against the database named by DATABASE_CLIENT).
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };

module.exports = {
  testTimeout: 180000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/packages/*/server/src/**/__tests__/**/*.test.ts', '<rootDir>/packages/*/admin/src/**/__tests__/**/*.test.ts', '<rootDir>/src/**/__tests__/**/*.test.ts', '<rootDir>/bench/__tests__/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
      // Strapi requires the plugin by name from its own (real) location; in a git worktree whose
      // node_modules links to another checkout's, that would load the other checkout's plugin.
      moduleNameMapper: { '^strapi-plugin-ppid(/.*)?$': '<rootDir>/packages/strapi-plugin-ppid$1' },
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
    },
  ],
};

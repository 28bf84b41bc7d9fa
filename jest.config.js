// One jest, three tiers. Unit tests sit beside the code; integration and end-to-end tests live in tests/.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  transform: { '^.+\\.(t|j|mj)sx?$': swc },
  // jose is ESM-only; everything else in node_modules is CommonJS already.
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  moduleNameMapper: {
    '^@peerloop/core$': '<rootDir>/core/src/index.ts',
    '^@peerloop/bot$': '<rootDir>/bot/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  // `npm run package:api` stages a copy of the api package there.
  modulePathIgnorePatterns: ['<rootDir>/.deployment/'],
  setupFiles: ['<rootDir>/tests/setup/jest-setup.ts'],
};

export default {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{core,api,bot,tabs}/src/**/*.test.{ts,tsx}', '<rootDir>/tests/manifest/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/setup/unit-tier.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/setup/slow-tier.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/setup/slow-tier.ts'],
    },
  ],
};

/** One jest run for the whole workspace: `npm run test:jest` (or `npx jest`) at the root.
 *  - miniapp: babel-jest + jsdom (its own config file, rootDir = miniapp/)
 *  - node:    server API tests (supertest) + shared unit tests, TypeScript via @swc/jest (no type-check;
 *             `npm run typecheck` does that), workspace packages resolved to their sources. */
/** @type {import('jest').Config} */
module.exports = {
  projects: [
    '<rootDir>/miniapp/jest.config.js',
    {
      displayName: 'node',
      testEnvironment: 'node',
      testEnvironmentOptions: { customExportConditions: ['@xz/source', 'node', 'node-addons'] },
      testMatch: ['<rootDir>/{tests,server,shared}/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/tests/weapp-validate/'],
      transform: {
        '^.+\\.ts$': ['@swc/jest', {
          jsc: { parser: { syntax: 'typescript', decorators: false }, target: 'es2022' },
          module: { type: 'commonjs' }
        }]
      },
      globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/tests/helpers/setup-env.ts']
    }
  ],
  // jest 29 reads testTimeout only at the top level (inside a project it is ignored with a warning);
  // 60 s is meant for the node project's database-backed API tests and is harmless for the mini-program's.
  testTimeout: 60000
}

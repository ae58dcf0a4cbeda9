// Flat config: TypeScript rules for every package; generated output and the separately installed
// WeChat validator are ignored.
const js = require('@eslint/js')
const tseslint = require('typescript-eslint')
const boundaries = require('./scripts/eslint-boundaries')

module.exports = tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.cache/**',
      'data/**',
      'artifacts/**',
      'tests/weapp-validate/**',
      'miniapp/.swc/**',
      'miniapp/config/**',
      '**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['server/src/**/*.ts'],
    plugins: { boundaries },
    rules: {
      'no-console': 'error',
      // features keep to their own rooms: another feature only through its index.ts (scripts/eslint-boundaries.js)
      'boundaries/feature-surface': 'error',
    },
  },
  {
    // The mini-program calls the API through its contracts (call(contract.route, …)), never by path.
    files: ['miniapp/src/**/*.{ts,tsx}'],
    ignores: ['miniapp/src/api/request.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'Literal[value=/\\/api\\/v1\\//]', message: 'Call the route through its contract: call(contract.route, …) or urlOf(…) (miniapp/src/api/request.ts).' },
        { selector: 'TemplateElement[value.raw=/\\/api\\/v1\\//]', message: 'Call the route through its contract: call(contract.route, …) or urlOf(…) (miniapp/src/api/request.ts).' },
      ],
    },
  },
)

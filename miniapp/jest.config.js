/** Mini-program unit tests: plain jest + babel-jest (reusing babel-preset-taro via babel.config.js) + jsdom +
 *  React Testing Library. Run from the workspace root: `npx jest --selectProjects miniapp`. */
const path = require('node:path')

// npm workspaces hoist the dependencies to the root node_modules: anchor the patterns there.
const rootModules = path.resolve(__dirname, '..', 'node_modules')
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

// Exactly one React: the copy the mini-program itself resolves (even if another workspace hoists a different one)
const reactDir = path.dirname(require.resolve('react/package.json', { paths: [__dirname] }))
const reactDomDir = path.dirname(require.resolve('react-dom/package.json', { paths: [__dirname] }))

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'miniapp',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testEnvironmentOptions: {
    // @xz/shared is consumed as TypeScript source, like in the Taro build
    customExportConditions: ['@xz/source', 'browser']
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.{ts,tsx}'],
  // babel.config.js (babel-preset-taro) switches to commonjs when NODE_ENV=test, which jest sets
  transform: { '^.+\\.(mjs|cjs|js|jsx|ts|tsx)$': 'babel-jest' },
  // Taro + NutUI ship untranspiled ESM: let babel-jest transform them
  transformIgnorePatterns: [
    `^${escapeRegExp(rootModules)}/(?!(@tarojs|@nutui|@stencil|swiper|ssr-window|dom7)/)`,
    '<rootDir>/node_modules/(?!(@tarojs|@nutui|@stencil|swiper|ssr-window|dom7)/)'
  ],
  moduleNameMapper: {
    '\\.(css|less|scss|sass|styl)$': '<rootDir>/test/mocks/style.js',
    '^@tarojs/taro$': '<rootDir>/test/mocks/taro.ts',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    // the package's "main" is a UMD bundle built for no particular TARO_ENV; use its ES build like webpack does
    '^@nutui/icons-react-taro$': '@nutui/icons-react-taro/dist/es/index.es.js',
    '^@/(.*)$': '<rootDir>/src/$1',
    '^react$': reactDir,
    '^react/(.*)$': `${reactDir}/$1`,
    '^react-dom$': reactDomDir,
    '^react-dom/(.*)$': `${reactDomDir}/$1`
  },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  setupFilesAfterEnv: ['@testing-library/jest-dom'],
  globals: {
    // compile-time constants that Taro's webpack build normally defines
    ENABLE_INNER_HTML: true, ENABLE_ADJACENT_HTML: true, ENABLE_SIZE_APIS: true, ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_MUTATION_OBSERVER: true, ENABLE_CLONE_NODE: true, ENABLE_CONTAINS: true,
    DEPRECATED_ADAPTER_COMPONENT: false, __TARO_FRAMEWORK__: 'react'
  }
}

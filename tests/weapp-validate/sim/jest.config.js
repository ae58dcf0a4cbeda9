const path = require('path');
const fs = require('fs');
// DIST: the built weapp folder (run.js sets it); default = <repo>/miniapp/dist/weapp
const DIST = path.resolve(process.env.DIST || path.join(__dirname, '../../../miniapp/dist/weapp'));
process.env.DIST = DIST; // seen by the test files (jest workers inherit the environment)
// Packages produced by miniprogram-ci (ES6->ES5) require babel helpers with mini-program (package-root)
// resolution: require("@babel/runtime/helpers/x") -> <package>/@babel/runtime/helpers/x.js
const moduleNameMapper = fs.existsSync(path.join(DIST, '@babel/runtime/helpers'))
  ? { '^@babel/runtime/helpers/(.*)$': path.join(DIST, '@babel/runtime/helpers/$1') } : {};
// Tests: sim/*.test.js (generic: every page of app.json) and sim/pages/**/*.test.js (page-specific checks,
// see sim/pages/README.md). Plain CommonJS, no transform: these files run as written.
module.exports = {
  rootDir: __dirname,
  cacheDirectory: path.join(require('os').tmpdir(), 'weapp-validate-jest'),
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/*.test.js', '<rootDir>/pages/**/*.test.js'],
  testTimeout: 30000,
  transform: {},
  moduleNameMapper,
};

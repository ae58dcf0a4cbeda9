import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

// TARO_ENV comes from `--type` (h5 | weapp).
const taroEnv = process.env.TARO_ENV

// API base URL baked into the bundle. H5 is served by the API server itself (same origin, routes under /api/v1),
// so a relative base works; the mini-program needs an absolute URL (an HTTPS domain whitelisted in the WeChat console).
// Set TARO_APP_API_BASE in the shell or in a .env file to override.
const apiBase = process.env.TARO_APP_API_BASE ?? (taroEnv === 'weapp' ? 'http://127.0.0.1:3000' : '')

// Workspace packages are consumed as TypeScript source through the "@xz/source" export condition
// (see shared/package.json "exports"), so the mini-app needs no pre-build of @xz/shared.
// Taro's babel rule only covers src/ and node_modules/*taro*, so their src/ must be listed in
// {mini,h5}.compile.include (webpack resolves the node_modules/@xz/* symlinks to their real paths).
const sharedDir = path.dirname(require.resolve('@xz/shared/package.json'))
const workspaceSources = [path.join(sharedDir, 'src')]
// zod is a dependency of @xz/shared: resolve it from there (no phantom dependency of the mini-app)
const zodDir = path.dirname(require.resolve('zod/package.json', { paths: [sharedDir] }))

function useWorkspaceSources(chain: any) {
  // webpack-chain 6 has no conditionNames helper; '...' keeps webpack's defaults
  // (webpack, production|development, browser, import|require, module)
  chain.resolve.merge({ conditionNames: ['@xz/source', '...'] })
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'xz-miniapp',
    date: '2025-1-1',
    // NutUI is designed at 375px, our own styles at 750px
    designWidth(input: any) {
      if (input?.file?.replace(/\\+/g, '/').indexOf('@nutui') > -1) return 375
      return 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // one folder per target so both builds can coexist: dist/h5, dist/weapp
    outputRoot: `dist/${taroEnv}`,
    // plugin-html: lets HTML tags such as NutUI icons' <i> render in the mini-program
    plugins: ['@tarojs/plugin-html'],
    defineConstants: {
      'process.env.TARO_APP_API_BASE': JSON.stringify(apiBase)
    },
    // exactly one React in the bundle, even if another workspace hoists a different React to the root
    alias: { react: path.dirname(require.resolve('react/package.json')) },
    // the H5 build serves a favicon (browsers ask for /favicon.ico)
    copy: { patterns: taroEnv === 'h5' ? [{ from: 'src/assets/favicon.ico', to: 'dist/h5/favicon.ico' }] : [], options: {} },
    framework: 'react',
    // prebundle (dev-mode dependency pre-bundling) crashes in 4.2.0 dev server: "_writeVirtualFile is not a function"
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // zod ships ES2020+ syntax (?., ??): babel downlevels it with the weapp targets of babel.config.js.
      // Taro's config validator accepts only strings here (a RegExp is rejected).
      compile: { include: [...workspaceSources, zodDir] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        useWorkspaceSources(chain)
      }
    },
    h5: {
      compile: { include: workspaceSources },
      // served from the API server's root; hash router (Taro's default), so no history fallback is needed
      publicPath: '/',
      staticDirectory: 'static',
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js'
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css'
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        useWorkspaceSources(chain)
        // Taro's H5 splitChunks uses chunks:'initial', so code shared by the lazily loaded pages (zod, NutUI)
        // is copied into every page chunk; 'all' lets Taro's vendors/common groups dedupe it.
        chain.optimization.merge({ splitChunks: { chunks: 'all' } })
      }
    }
  }
  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})

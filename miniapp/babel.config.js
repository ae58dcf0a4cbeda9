// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// weapp: project.config.json has es6:false (WeChat does not transpile on upload), so emit ES2017-level syntax
// ourselves; H5 keeps the modern browserslist from package.json.
const weappTargets = process.env.TARO_ENV === 'weapp' ? { targets: { ios: '10', chrome: '53' } } : {}

module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5',
      ...weappTargets
    }]
  ],
  plugins: [
    // NutUI on-demand import: `import { Cell } from '@nutui/nutui-react-taro'`
    // -> `import Cell from '@nutui/nutui-react-taro/dist/es/packages/cell'` + its CSS.
    // Keeps bundles small and lets jest load only the components under test.
    ['import', {
      libraryName: '@nutui/nutui-react-taro',
      camel2DashComponentName: false,
      customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
      style: (path) => `${path}/style/css`
    }, 'nutui-react-taro']
  ]
}

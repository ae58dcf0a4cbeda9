export default definePageConfig({
  navigationBarTitleText: '场次规则'
})

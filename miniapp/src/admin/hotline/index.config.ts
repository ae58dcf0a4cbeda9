export default definePageConfig({
  navigationBarTitleText: '12345 管理'
})

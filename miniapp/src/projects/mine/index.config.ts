export default definePageConfig({
  navigationBarTitleText: '我的项目'
})

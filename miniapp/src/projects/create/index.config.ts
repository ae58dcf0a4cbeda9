export default definePageConfig({
  navigationBarTitleText: '新建项目'
})

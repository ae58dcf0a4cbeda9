export default definePageConfig({
  navigationBarTitleText: '项目长工作台'
})

export default definePageConfig({
  navigationBarTitleText: '项目长与代办员'
})

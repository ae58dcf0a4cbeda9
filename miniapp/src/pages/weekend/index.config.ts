export default definePageConfig({
  navigationBarTitleText: '周末办'
})

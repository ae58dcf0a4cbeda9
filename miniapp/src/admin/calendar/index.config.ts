export default definePageConfig({
  navigationBarTitleText: '日历与停办'
})

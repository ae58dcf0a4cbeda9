export default definePageConfig({
  navigationBarTitleText: '今日预约'
})

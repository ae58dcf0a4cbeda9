export default definePageConfig({
  navigationBarTitleText: '我的申报与兑现'
})

export default definePageConfig({
  navigationBarTitleText: '好差评数据推送'
})

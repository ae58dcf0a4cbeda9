export default definePageConfig({
  navigationBarTitleText: '惠企政策申报受理'
})

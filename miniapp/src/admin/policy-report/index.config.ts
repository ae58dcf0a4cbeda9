export default definePageConfig({
  navigationBarTitleText: '惠企政策月通报'
})

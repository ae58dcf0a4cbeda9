export default definePageConfig({
  navigationBarTitleText: '12345 派单'
})

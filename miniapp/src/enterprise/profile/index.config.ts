export default definePageConfig({
  navigationBarTitleText: '企业画像'
})

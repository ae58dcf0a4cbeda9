export default definePageConfig({
  navigationBarTitleText: '全代办 · 项目总览'
})

export default definePageConfig({
  navigationBarTitleText: '审批清单模板'
})

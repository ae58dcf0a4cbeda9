export default definePageConfig({
  navigationBarTitleText: '帮(代)办文书'
})

export default definePageConfig({
  navigationBarTitleText: '忻州政务·无忧办'
})

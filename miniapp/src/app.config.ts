export default defineAppConfig({
  pages: ['pages/index/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '忻州政务·无忧办',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f8'
  }
})

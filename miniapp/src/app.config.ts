export default defineAppConfig({
  pages: [
    // tab pages
    'pages/index/index',
    'pages/nearby/index',
    'pages/bookings/index',
    'pages/mine/index',
    // citizen flows
    'pages/search/index',
    'pages/service/index',
    'pages/bundle/index',
    'pages/book/index',
    'pages/booking/index',
    'pages/rate/index',
    'pages/ratings/index',
    'pages/legal/index',
    'pages/privacy/index',
    'pages/not-found/index',
    'pages/hall/index',
    'pages/weekend/index',
    'pages/messages/index',
    'pages/tickets/new/index',
    'pages/tickets/mine/index'
  ],
  // staff and administrator screens: subpackages, loaded only when opened (see staff/lib/guard.ts)
  subPackages: [
    {
      root: 'staff',
      pages: ['login/index', 'desk/index', 'checkin/index', 'queue/index', 'work-orders/index', 'work-order/index']
    },
    { root: 'admin', pages: ['index/index', 'rules/index', 'calendar/index', 'accounts/index', 'stats/index', 'exchange/index', 'hotline/index', 'knowledge/index', 'policies/index', 'policy-applications/index', 'policy-report/index'] },
    { root: 'hotline', pages: ['dispatch/index', 'handler/index'] },
    // 送政策上门 (enterprise users)
    { root: 'enterprise', pages: ['policies/index', 'policy/index', 'profile/index', 'applications/index'] },
    // 全代办 / 项目长: the enterprise's 我的项目, the 项目长/代办员 workspace and the administrators' screens
    {
      root: 'projects',
      pages: ['mine/index', 'detail/index', 'form/index', 'work/index', 'admin/index', 'create/index', 'team/index', 'templates/index']
    }
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '忻州政务·无忧办',
    navigationBarTextStyle: 'white',
    // H5: Taro's own title bar with a back (or home) button on pages that are not tabs (app.scss hides it on tabs);
    // the mini-program's native bar is unaffected ('default' is its default)
    navigationStyle: 'default',
    backgroundColor: '#f5f6f8'
  },
  tabBar: {
    color: '#646a73',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/nearby/index', text: '附近', iconPath: 'assets/tab/nearby.png', selectedIconPath: 'assets/tab/nearby-active.png' },
      {
        pagePath: 'pages/bookings/index',
        text: '我的预约',
        iconPath: 'assets/tab/bookings.png',
        selectedIconPath: 'assets/tab/bookings-active.png'
      },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' }
    ]
  },
  permission: {
    'scope.userLocation': { desc: '用于查找附近的政务服务网点（15分钟政务服务圈）' }
  },
  requiredPrivateInfos: ['getLocation'],
  // WeChat privacy authorization (utils/privacy-authorization.ts): weapp only
  ...(process.env.TARO_ENV === 'weapp' ? { __usePrivacyCheck__: true } : {})
})

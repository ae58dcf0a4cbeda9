import Taro from '@tarojs/taro'
import { currentPageUrl, goLogin, isPageUrl, returnAfterLogin, takeLoginReturn } from '@/utils/loginReturn'

describe('login return', () => {
  beforeEach(() => {
    jest.clearAllMocks()
    Taro.removeStorageSync('xz.loginReturn')
  })

  it('when 去登录 is tapped on a subpackage page, then after sign-in the user comes back to it with its query', async () => {
    goLogin('/enterprise/profile/index?from=policy&id=42')
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' })
    expect(returnAfterLogin()).toBe(true)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/enterprise/profile/index?from=policy&id=42' })
    // read once
    expect(takeLoginReturn()).toBeUndefined()
  })

  it('when the page is a hotline subpackage page or a main-package page, then it is accepted; another origin never is', () => {
    expect(isPageUrl('/hotline/knowledge/index?id=1')).toBe(true)
    expect(isPageUrl('/pages/ratings/index')).toBe(true)
    for (const bad of ['//evil.example/x', 'https://evil.example/pages/x', '/pages', 'javascript:alert(1)', '']) expect(isPageUrl(bad)).toBe(false)
    goLogin('//evil.example/pages/mine')
    expect(takeLoginReturn()).toBeUndefined()
  })

  it('when the return is a tab page, then it switches to that tab', () => {
    goLogin('/pages/bookings/index')
    expect(returnAfterLogin()).toBe(true)
    expect(Taro.switchTab).toHaveBeenLastCalledWith({ url: '/pages/bookings/index' })
  })

  it('when the current page is read from the router, then path and query are kept', () => {
    ;(Taro.getCurrentInstance as jest.Mock).mockReturnValueOnce({ router: { path: '/enterprise/policies/index', params: { departmentId: 'd1', $taroTimestamp: '1' } }, page: null })
    expect(currentPageUrl()).toBe('/enterprise/policies/index?departmentId=d1')
  })
})

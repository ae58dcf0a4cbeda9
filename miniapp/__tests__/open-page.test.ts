import Taro from '@tarojs/taro'
import { openPage } from '@/utils/open-page'

const navigateTo = Taro.navigateTo as unknown as jest.Mock
const switchTab = Taro.switchTab as unknown as jest.Mock
const showToast = Taro.showToast as unknown as jest.Mock

beforeEach(() => jest.clearAllMocks())

describe('opening a notice’s page', () => {
  it('when the page opens, then no toast is shown', async () => {
    expect(await openPage('pages/tickets/mine/index?id=12345-20261102-0001')).toBe(true)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/tickets/mine/index?id=12345-20261102-0001' })
    expect(showToast).not.toHaveBeenCalled()
  })

  it('when the page is a tab, then it is opened with switchTab', async () => {
    navigateTo.mockImplementationOnce(() => Promise.reject(new Error('navigateTo:fail can not navigateTo a tabbar page')))
    expect(await openPage('/pages/bookings/index')).toBe(true)
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/bookings/index' })
    expect(showToast).not.toHaveBeenCalled()
  })

  it('when the page cannot be opened, then a toast says so (the failure is not swallowed)', async () => {
    navigateTo.mockImplementationOnce(() => Promise.reject(new Error('navigateTo:fail page not found')))
    switchTab.mockImplementationOnce(() => Promise.reject(new Error('switchTab:fail page not found')))
    expect(await openPage('/handler/ticket/index?id=1')).toBe(false)
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '无法打开该消息对应的页面' }))
  })
})

import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { setSession } from '@/api/request'
import Index from '@/pages/index'
import { storage } from '../test/mocks/taro'
import { apiError, fakeApi, page } from './helpers/api'
import { booking, hall } from './helpers/fixtures'

const navigateTo = Taro.navigateTo as jest.Mock

const bundle = {
  id: 'ffffffffffffffffffffffff', name: '企业开办一件事', description: '设立登记、印章刻制、申领发票一次办', themes: ['企业开办'],
  serviceIds: [], serviceCount: 5, regionCode: '140900', promisedLimitDays: 1, status: 'active', demo: true
}

describe('home page', () => {
  beforeEach(() => {
    storage.clear()
    navigateTo.mockClear()
  })
  afterEach(() => {
    ;(Taro.request as jest.Mock).mockReset()
  })

  it('when the server answers, then it shows the themes, the off-hours entry, nearby points, bundles and my next booking', async () => {
    setSession({ accessToken: 'a', refreshToken: 'r' })
    fakeApi({
      'GET /api/v1/health': () => ({ status: 'ok', db: 'up', devLogin: true, time: '2026-11-27T00:00:00Z' }),
      'GET /api/v1/bundles': () => [bundle],
      'GET /api/v1/halls': () => page([hall]),
      'GET /api/v1/bookings': () => page([booking()])
    })

    render(<Index />)

    expect(await screen.findByText('服务正常')).toHaveAttribute('data-testid', 'health-status')
    expect(screen.getAllByTestId('home-theme')).toHaveLength(8)
    expect(await screen.findByText('企业开办一件事')).toBeInTheDocument()
    expect(await screen.findByTestId('hall-card')).toHaveTextContent('忻州市政务服务中心')
    expect(screen.getByTestId('hall-card')).toHaveTextContent('1.3公里')
    expect(screen.getByTestId('hall-card')).toHaveTextContent('营业中')
    expect(await screen.findByText('我的下一个预约')).toBeInTheDocument()
    expect(screen.getByText('7K3M9QPA')).toBeInTheDocument()
    expect(screen.getAllByText('示例数据').length).toBeGreaterThan(0)

    fireEvent.click(screen.getByTestId('home-offhours'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/pages/search/index?offHours=1' })
    fireEvent.click(screen.getByText('税务'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: `/pages/search/index?theme=${encodeURIComponent('税务')}` })
  })

  it('when the requests fail, then every section ends in its error state and nothing hangs', async () => {
    ;(Taro.request as jest.Mock).mockRejectedValue(new Error('request:fail'))
    render(<Index />)

    expect(await screen.findByText('服务暂不可用')).toHaveAttribute('data-testid', 'health-status')
    await waitFor(() => expect(screen.getAllByText('网络连接失败，请检查网络')).toHaveLength(2), { timeout: 3000 })
    expect(screen.queryByTestId('state-loading')).not.toBeInTheDocument()
    expect(screen.queryByText('我的下一个预约')).not.toBeInTheDocument()
  })

  it('when signed out, then it does not ask for bookings', async () => {
    const calls = fakeApi({
      'GET /api/v1/health': () => apiError(503, 'DB_UNAVAILABLE'),
      'GET /api/v1/bundles': () => [],
      'GET /api/v1/halls': () => page([])
    })
    render(<Index />)
    expect(await screen.findByText('暂无一件事套餐')).toBeInTheDocument()
    expect(await screen.findByText('附近暂无服务网点')).toBeInTheDocument()
    expect(calls.some((c) => c.path === '/api/v1/bookings')).toBe(false)
  })
})

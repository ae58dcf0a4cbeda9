import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import gcoord from 'gcoord'
import BundlePage from '@/pages/bundle'
import NearbyPage from '@/pages/nearby'
import ServicePage from '@/pages/service'
import { routerParams, storage } from '../test/mocks/taro'
import { apiError, fakeApi, page } from './helpers/api'
import { SERVICE_ID, hall, serviceDetail, serviceSummary } from './helpers/fixtures'

const BUNDLE_ID = 'ffffffffffffffffffffffff'

describe('guides, bundles and points', () => {
  beforeEach(() => {
    storage.clear()
    for (const key of Object.keys(routerParams)) delete routerParams[key]
    ;(Taro.navigateTo as jest.Mock).mockClear()
    ;(Taro.getLocation as jest.Mock).mockImplementation(() => Promise.reject(new Error('getLocation:fail auth deny')))
  })
  afterEach(() => {
    ;(Taro.request as jest.Mock).mockReset()
  })

  it('when a guide opens, then its figures, material badges, the 一图懂 flow and the booking button are shown', async () => {
    routerParams.id = SERVICE_ID
    fakeApi({ [`GET /api/v1/services/${SERVICE_ID}`]: () => serviceDetail })
    render(<ServicePage />)

    expect(await screen.findByTestId('service-title')).toHaveTextContent('企业设立登记（营业执照）示例数据')
    expect(screen.getByText('1个工作日', { selector: '.guide__stat-value' })).toBeInTheDocument()
    expect(screen.getByText('不收费', { selector: '.guide__stat-value' })).toBeInTheDocument()
    expect(screen.getByText('秒批')).toBeInTheDocument()

    // NutUI renders every pane: materials and steps are in the document
    const materials = screen.getByTestId('materials')
    expect(materials).toHaveTextContent('免提交')
    expect(materials).toHaveTextContent('告知承诺')
    expect(materials).toHaveTextContent('电子证照')
    const flow = screen.getByTestId('step-flow')
    expect(flow).toHaveTextContent('受理审查')
    expect(flow).toHaveTextContent('办理人：窗口工作人员')
    expect(flow).toHaveTextContent('1个工作日')

    fireEvent.click(screen.getByTestId('book-button'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/book/index?serviceId=${SERVICE_ID}` })
  })

  it('when the 办理地点 tab opens, then the points of the item are listed and navigation opens the map', async () => {
    routerParams.id = SERVICE_ID
    const calls = fakeApi({ [`GET /api/v1/services/${SERVICE_ID}`]: () => serviceDetail, 'GET /api/v1/halls': () => page([hall]) })
    render(<ServicePage />)
    fireEvent.click(await screen.findByText('办理地点'))
    expect(await screen.findByTestId('hall-card')).toHaveTextContent('忻州市政务服务中心')
    expect(calls.find((c) => c.path === '/api/v1/halls')?.data).toMatchObject({ serviceId: SERVICE_ID })
    // H5: a map link opened in a new tab (Taro.openLocation is WeChat's)
    const opened = { opener: {} as unknown }
    const openSpy = jest.spyOn(window, 'open').mockImplementation(() => opened as Window)
    fireEvent.click(screen.getByText('导航'))
    expect(openSpy).toHaveBeenCalledWith(expect.stringContaining('https://uri.amap.com/marker?position=112.73,38.42&name='), '_blank')
    expect(opened.opener).toBeNull()
    expect(Taro.openLocation).not.toHaveBeenCalled()
    openSpy.mockRestore()
  })

  it('when the guide is opened without an id, then it shows 内容不存在 instead of a blank page', async () => {
    const calls = fakeApi({})
    render(<ServicePage />)
    expect(await screen.findByText('内容不存在')).toBeInTheDocument()
    expect(calls).toHaveLength(0)
  })

  it('when the guide does not exist, then the error state shows 内容不存在', async () => {
    routerParams.id = SERVICE_ID
    fakeApi({ [`GET /api/v1/services/${SERVICE_ID}`]: () => apiError(404, 'NOT_FOUND') })
    render(<ServicePage />)
    expect(await screen.findByText('内容不存在')).toBeInTheDocument()
  })

  it('when a bundle opens, then the merged materials name the items that need them', async () => {
    routerParams.id = BUNDLE_ID
    fakeApi({
      [`GET /api/v1/bundles/${BUNDLE_ID}`]: () => ({
        id: BUNDLE_ID, name: '企业开办一件事', description: '一次提交，全程网办', themes: ['企业开办'], serviceIds: [SERVICE_ID],
        serviceCount: 2, regionCode: '140900', promisedLimitDays: 1, status: 'active', demo: true,
        services: [serviceSummary, { ...serviceSummary, id: 'b'.repeat(24), name: '印章刻制备案' }],
        mergedMaterials: [{ ...serviceDetail.materials[2], serviceIds: [SERVICE_ID, 'b'.repeat(24)], serviceNames: ['企业设立登记（营业执照）', '印章刻制备案'] }],
        steps: serviceDetail.steps, separateLimitDays: 3, separateVisits: 2, visits: 0
      })
    })
    render(<BundlePage />)
    expect(await screen.findByTestId('bundle-title')).toHaveTextContent('企业开办一件事')
    const merged = screen.getByTestId('merged-materials')
    expect(merged).toHaveTextContent('共1项')
    expect(merged).toHaveTextContent('用于：企业设立登记（营业执照）、印章刻制备案')
  })

  it('when location is denied, then the nearby tab offers the counties and lists the chosen county', async () => {
    const calls = fakeApi({
      'GET /api/v1/regions': () => [
        { code: '140902', name: '忻府区', level: 'county', parentCode: '140900' },
        { code: '140981', name: '原平市', level: 'county', parentCode: '140900' }
      ],
      'GET /api/v1/halls': (req) => page(req.data.regionCode === '140981' ? [{ ...hall, name: '原平市政务服务中心', open24h: true }] : [hall])
    })
    render(<NearbyPage />)

    expect(await screen.findByTestId('county-picker')).toBeInTheDocument()
    expect(screen.getByTestId('nearby-where')).toHaveTextContent('请选择所在县（市、区）')
    fireEvent.click(await screen.findByText('原平市'))

    expect(await screen.findByText('原平市政务服务中心')).toBeInTheDocument()
    expect(screen.getByText('24小时')).toBeInTheDocument()
    expect(calls.filter((c) => c.path === '/api/v1/halls').at(-1)?.data).toMatchObject({ regionCode: '140981' })
    expect(calls.find((c) => c.path === '/api/v1/regions')?.data).toEqual({ level: 'county' })

    fireEvent.click(screen.getByTestId('type-bank'))
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/v1/halls').at(-1)?.data).toMatchObject({ type: 'bank', regionCode: '140981' }))
  })

  it('when the browser grants the location (H5), then its WGS-84 position is converted to GCJ-02 and points are asked by it', async () => {
    const getCurrentPosition = jest.fn((ok: PositionCallback) =>
      ok({ coords: { latitude: 38.4, longitude: 112.7 } } as GeolocationPosition)
    )
    Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition }, configurable: true })
    const [lng, lat] = gcoord.transform([112.7, 38.4], gcoord.WGS84, gcoord.GCJ02)
    const calls = fakeApi({ 'GET /api/v1/regions': () => [], 'GET /api/v1/halls': () => page([hall]) })
    render(<NearbyPage />)
    expect(await screen.findByText('1.3公里')).toBeInTheDocument()
    expect(screen.getByTestId('nearby-where')).toHaveTextContent('已按距离由近到远排列')
    const asked = calls.find((c) => c.path === '/api/v1/halls')?.data as { lat: number; lng: number }
    expect(asked).toMatchObject({ lat, lng })
    // the GCJ-02 offset here is a few hundred metres: the conversion really happened
    expect(Math.abs(asked.lng - 112.7)).toBeGreaterThan(0.003)
    expect(Taro.getLocation).not.toHaveBeenCalled()
    expect(screen.queryByTestId('county-picker')).not.toBeInTheDocument()
    Object.defineProperty(navigator, 'geolocation', { value: undefined, configurable: true })
  })
})

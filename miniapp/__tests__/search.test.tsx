import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { routerParams } from '../test/mocks/taro'
import SearchPage from '@/pages/search'
import { apiError, fakeApi, page, typeInto } from './helpers/api'
import { serviceSummary } from './helpers/fixtures'


describe('search page', () => {
  beforeEach(() => {
    jest.useFakeTimers()
    for (const key of Object.keys(routerParams)) delete routerParams[key]
  })
  afterEach(() => {
    jest.useRealTimers()
    ;(Taro.request as jest.Mock).mockReset()
  })

  it('when the user types, then it searches once with the settled keyword and lists the results', async () => {
    const calls = fakeApi({
      'GET /api/v1/services': (req) => page(req.data.q === '营业执照' ? [serviceSummary] : []),
      'GET /api/v1/departments': () => []
    })
    render(<SearchPage />)

    act(() => typeInto('search-input', '营'))
    act(() => typeInto('search-input', '营业'))
    act(() => typeInto('search-input', '营业执照'))
    await act(async () => {
      jest.advanceTimersByTime(400)
    })

    expect(await screen.findByText('企业设立登记（营业执照）')).toBeInTheDocument()
    expect(screen.getByText('周末/节假日可约', { selector: '.badge' })).toBeInTheDocument()
    const searches = calls.filter((c) => c.path === '/api/v1/services')
    // the initial (empty) search and one for the settled keyword: the intermediate keystrokes never hit the server
    expect(searches.map((c) => c.data.q)).toEqual([undefined, '营业执照'])
  })

  it('when opened from the off-hours entry with a theme, then the filters are sent as query parameters', async () => {
    routerParams.offHours = '1'
    routerParams.theme = encodeURIComponent('企业开办')
    const calls = fakeApi({ 'GET /api/v1/services': () => page([serviceSummary]), 'GET /api/v1/departments': () => [] })
    render(<SearchPage />)
    await screen.findByText('企业设立登记（营业执照）')
    expect(calls[0]).toMatchObject({ path: '/api/v1/services', data: { offHours: 'true', theme: '企业开办' } })

    fireEvent.click(screen.getByTestId('filter-audience-法人'))
    await act(async () => {
      jest.advanceTimersByTime(400)
    })
    expect(calls.filter((c) => c.path === '/api/v1/services').at(-1)?.data).toMatchObject({ audience: '法人', offHours: 'true' })
  })

  it('when nothing matches, then it shows the empty state with suggestions that search again', async () => {
    const calls = fakeApi({
      'GET /api/v1/services': (req) => page(req.data.q === '社保' ? [{ ...serviceSummary, name: '社保卡申领' }] : []),
      'GET /api/v1/departments': () => []
    })
    render(<SearchPage />)
    expect(await screen.findByText('没有找到相关事项')).toBeInTheDocument()
    expect(screen.getByTestId('search-suggestions')).toBeInTheDocument()

    fireEvent.click(within(screen.getByTestId('search-suggestions')).getByText('社保'))
    await act(async () => {
      jest.advanceTimersByTime(400)
    })
    expect(await screen.findByText('社保卡申领')).toBeInTheDocument()
    expect(calls.at(-1)?.data.q).toBe('社保')
  })

  it('when the search fails, then it shows the Chinese error and retries on demand', async () => {
    let fail = true
    fakeApi({
      'GET /api/v1/services': () => (fail ? apiError(503, 'DB_UNAVAILABLE') : page([serviceSummary])),
      'GET /api/v1/departments': () => []
    })
    render(<SearchPage />)
    expect(await screen.findByText('服务繁忙，请稍后再试')).toBeInTheDocument()

    fail = false
    fireEvent.click(screen.getByTestId('state-retry'))
    expect(await screen.findByText('企业设立登记（营业执照）')).toBeInTheDocument()
  })
})

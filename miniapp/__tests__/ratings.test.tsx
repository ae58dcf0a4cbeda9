import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { MyRating } from '@xz/shared'
import { setSession } from '@/api/request'
import RatePage from '@/pages/rate'
import MyRatingsPage from '@/pages/ratings'
import { routerParams, storage } from '../test/mocks/taro'
import { fakeApi, page, typeInto } from './helpers/api'
import { BOOKING_ID, SERVICE_ID, serviceDetail } from './helpers/fixtures'

const badRating: MyRating = {
  id: 'rrrrrrrrrrrrrrrrrrrrrrrr'.replace(/r/g, 'a'),
  kind: 'window',
  level: 2,
  levelLabel: '不满意',
  dimensions: {},
  tags: ['等待时间长'],
  comment: '等了很久才叫号',
  isDefault: false,
  ratedAt: '2026-11-28T03:00:00.000Z',
  serviceName: '企业设立登记（营业执照）',
  hallName: '忻州市政务服务中心',
  bookingId: BOOKING_ID,
  serviceId: SERVICE_ID,
  workOrder: {
    id: 'w1', status: 'replied', statusLabel: '已整改答复', overdue: false, canAppeal: false, canRevisit: true,
    verification: { valid: true, at: '2026-11-28T05:00:00.000Z' },
    reply: { text: '已增开周末窗口，缩短等候时间', at: '2026-11-29T05:00:00.000Z' }
  }
}

describe('ratings', () => {
  beforeEach(() => {
    storage.clear()
    setSession({ accessToken: 'a', refreshToken: 'r' })
    for (const key of Object.keys(routerParams)) delete routerParams[key]
    ;(Taro.redirectTo as jest.Mock).mockClear()
  })
  afterEach(() => {
    ;(Taro.request as jest.Mock).mockReset()
  })

  it('when a served booking is rated 不满意, then a reason and a 5-character comment are required before it is sent', async () => {
    routerParams.bookingId = BOOKING_ID
    routerParams.serviceId = SERVICE_ID
    const calls = fakeApi({
      [`GET /api/v1/services/${SERVICE_ID}`]: () => serviceDetail,
      'POST /api/v1/ratings': () => ({ status: 201, body: badRating })
    })
    render(<RatePage />)
    expect(await screen.findByText('企业设立登记（营业执照）')).toBeInTheDocument()
    expect(screen.getByText('服务效率')).toBeInTheDocument()

    fireEvent.click(screen.getByTestId('face-2'))
    expect(screen.getByTestId('bad-reasons')).toBeInTheDocument()
    fireEvent.click(screen.getByTestId('submit-rating'))
    expect(await screen.findByTestId('rate-message')).toHaveTextContent('请选择不满意的原因')

    fireEvent.click(screen.getByText('等待时间长'))
    act(() => typeInto('rating-comment', '太慢'))
    fireEvent.click(screen.getByTestId('submit-rating'))
    await waitFor(() => expect(screen.getByTestId('rate-message')).toHaveTextContent('请填写具体问题（至少5个字）'))
    expect(calls.some((c) => c.method === 'POST')).toBe(false)

    act(() => typeInto('rating-comment', '等了很久才叫号'))
    fireEvent.click(screen.getByTestId('submit-rating'))
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/ratings/index' }))
    expect(calls.find((c) => c.method === 'POST')?.data).toEqual({
      bookingId: BOOKING_ID, level: 2, dimensions: undefined, tags: ['等待时间长'], comment: '等了很久才叫号'
    })
  })

  it('when a guide is rated 满意, then it is sent as 一事一评 without reasons', async () => {
    routerParams.serviceId = SERVICE_ID
    const calls = fakeApi({
      [`GET /api/v1/services/${SERVICE_ID}`]: () => serviceDetail,
      'POST /api/v1/ratings': () => ({ status: 201, body: { ...badRating, level: 4 } })
    })
    render(<RatePage />)
    expect(await screen.findByText('平台操作性')).toBeInTheDocument()
    fireEvent.click(screen.getByTestId('face-4'))
    expect(screen.queryByTestId('bad-reasons')).not.toBeInTheDocument()
    fireEvent.click(screen.getByTestId('dimension-办事指南精确度-4'))
    fireEvent.click(screen.getByTestId('submit-rating'))
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.data).toMatchObject({ serviceId: SERVICE_ID, level: 4, dimensions: { 办事指南精确度: 4 } })
    )
  })

  it('when a guide is rated 不满意, then the citizen is told the region\'s administrators (not a point) answer it', async () => {
    routerParams.serviceId = SERVICE_ID
    fakeApi({ [`GET /api/v1/services/${SERVICE_ID}`]: () => serviceDetail })
    render(<RatePage />)
    expect(await screen.findByText('平台操作性')).toBeInTheDocument()
    fireEvent.click(screen.getByTestId('face-2'))
    const hint = screen.getByTestId('rate-bad-hint')
    expect(hint).toHaveTextContent('事项所属地区的政务服务管理部门')
    expect(hint).not.toHaveTextContent('网点')
  })

  it('when my 差评 has a replied work order, then its progress shows and the follow-up question is answered', async () => {
    let rating = badRating
    const calls = fakeApi({
      'GET /api/v1/ratings/mine': () => page([rating]),
      [`POST /api/v1/ratings/${badRating.id}/revisit`]: (req) => {
        rating = {
          ...badRating,
          workOrder: { ...badRating.workOrder!, status: 'closed', statusLabel: '已办结', canRevisit: false, revisit: { satisfaction: req.data.satisfaction as '满意', at: '' } }
        }
        return rating.workOrder
      }
    })
    render(<MyRatingsPage />)

    expect(await screen.findByTestId('work-order-status')).toHaveTextContent('已整改答复')
    expect(screen.getByTestId('work-order-reply')).toHaveTextContent('已增开周末窗口')
    expect(screen.getByTestId('revisit')).toHaveTextContent('对整改是否满意？')
    fireEvent.click(screen.getByText('基本满意'))

    await waitFor(() => expect(screen.getByTestId('work-order-status')).toHaveTextContent('已办结'))
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ data: { satisfaction: '基本满意' } })
    expect(screen.queryByTestId('revisit')).not.toBeInTheDocument()
    expect(screen.getByText('您的回访意见：基本满意')).toBeInTheDocument()
  })

  it('when a follow-up comment is added, then it is posted as 追评', async () => {
    const calls = fakeApi({
      'GET /api/v1/ratings/mine': () => page([{ ...badRating, workOrder: undefined }]),
      [`POST /api/v1/ratings/${badRating.id}/append`]: () => badRating
    })
    render(<MyRatingsPage />)
    fireEvent.click(await screen.findByTestId('append-rating'))
    act(() => typeInto('append-text', '后来窗口主动联系了我'))
    fireEvent.click(screen.getByTestId('append-submit'))
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')).toMatchObject({ data: { comment: '后来窗口主动联系了我' } }))
  })
})

import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { setSession } from '@/api/request'
import BookingPage from '@/pages/booking'
import BookingsPage from '@/pages/bookings'
import { routerParams, storage } from '../test/mocks/taro'
import { apiError, fakeApi, page } from './helpers/api'
import { BOOKING_ID, HALL_ID, SERVICE_ID, booking, serviceDetail } from './helpers/fixtures'

const hallDetail = {
  id: HALL_ID, name: '忻州市政务服务中心', type: 'center', regionCode: '140902', address: '忻府区和平街1号',
  location: { lat: 38.42, lng: 112.73 }, phone: '0350-3336789', open24h: false, openNow: true, hasOffHours: true,
  regularHours: [], weekendHours: [], holidayHours: [], services: [], windows: [], rectifyDays: 5
}

describe('my bookings', () => {
  beforeEach(() => {
    storage.clear()
    for (const key of Object.keys(routerParams)) delete routerParams[key]
    ;(Taro.navigateTo as jest.Mock).mockClear()
  })
  afterEach(() => {
    ;(Taro.request as jest.Mock).mockReset()
  })

  it('when a new booking opens, then it shows success, the code, the QR image, the address and the materials to bring', async () => {
    setSession({ accessToken: 'a', refreshToken: 'r' })
    routerParams.id = BOOKING_ID
    routerParams.new = '1'
    fakeApi({
      [`GET /api/v1/bookings/${BOOKING_ID}`]: () => booking(),
      [`GET /api/v1/services/${SERVICE_ID}`]: () => serviceDetail,
      [`GET /api/v1/halls/${HALL_ID}`]: () => hallDetail
    })
    render(<BookingPage />)

    expect(await screen.findByTestId('booking-success')).toHaveTextContent('预约成功')
    expect(screen.getByTestId('booking-code')).toHaveTextContent('7K3M9QPA')
    expect(screen.getByTestId('booking-qr')).toHaveAttribute('src', 'data:image/png;base64,iVBORw0KGgo=')
    expect(screen.getByTestId('booking-address')).toHaveTextContent('忻府区和平街1号')
    // required materials, without the exempt one (免提交)
    await waitFor(() => expect(screen.getAllByTestId('material-item')).toHaveLength(2))
    expect(screen.getByTestId('bring-materials')).toHaveTextContent('公司登记（备案）申请书')
    expect(screen.getByTestId('bring-materials')).not.toHaveTextContent('法定代表人身份证')
  })

  it('when the booking is cancelled after confirmation, then it posts the cancel and shows the new state', async () => {
    setSession({ accessToken: 'a', refreshToken: 'r' })
    routerParams.id = BOOKING_ID
    let status: 'booked' | 'cancelled' = 'booked'
    const calls = fakeApi({
      [`GET /api/v1/bookings/${BOOKING_ID}`]: () => booking({ status, changeable: status === 'booked' }),
      [`POST /api/v1/bookings/${BOOKING_ID}/cancel`]: () => {
        status = 'cancelled'
        return booking({ status })
      },
      [`GET /api/v1/services/${SERVICE_ID}`]: () => serviceDetail,
      [`GET /api/v1/halls/${HALL_ID}`]: () => hallDetail
    })
    render(<BookingPage />)

    fireEvent.click(await screen.findByTestId('cancel-booking'))
    expect(await screen.findByText('确定取消该预约吗？取消后名额将释放给其他办事人。')).toBeInTheDocument()
    expect(calls.some((c) => c.method === 'POST')).toBe(false)
    fireEvent.click(screen.getByTestId('dialog-confirm'))

    await waitFor(() => expect(screen.getByTestId('booking-status')).toHaveTextContent('已取消'))
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([`/api/v1/bookings/${BOOKING_ID}/cancel`])
    expect(screen.queryByTestId('cancel-booking')).not.toBeInTheDocument()
    expect(screen.getByTestId('book-again')).toBeInTheDocument()
  })

  it('when cancelling is too late, then the server message shows in Chinese', async () => {
    setSession({ accessToken: 'a', refreshToken: 'r' })
    routerParams.id = BOOKING_ID
    fakeApi({
      [`GET /api/v1/bookings/${BOOKING_ID}`]: () => booking(),
      [`POST /api/v1/bookings/${BOOKING_ID}/cancel`]: () => apiError(422, 'NOT_CANCELLABLE'),
      [`GET /api/v1/services/${SERVICE_ID}`]: () => serviceDetail,
      [`GET /api/v1/halls/${HALL_ID}`]: () => hallDetail
    })
    render(<BookingPage />)
    fireEvent.click(await screen.findByTestId('cancel-booking'))
    fireEvent.click(await screen.findByTestId('dialog-confirm'))
    expect(await screen.findByTestId('booking-message')).toHaveTextContent('已过可取消时间')
  })

  it('when the list loads, then upcoming and past bookings are split and a no-show warning is shown', async () => {
    setSession({ accessToken: 'a', refreshToken: 'r' })
    fakeApi({
      'GET /api/v1/bookings': () =>
        page([booking(), booking({ id: 'dddddddddddddddddddddddd', code: 'NOSHOW01', status: 'no_show', date: '2026-11-01' })])
    })
    render(<BookingsPage />)

    expect(await screen.findByText('7K3M9QPA')).toBeInTheDocument()
    expect(screen.queryByText('NOSHOW01')).not.toBeInTheDocument()
    expect(screen.getByTestId('noshow-notice')).toHaveTextContent('90天内爽约2次将暂停预约30天')
    fireEvent.click(screen.getByTestId('bookings-tab-past'))
    expect(await screen.findByText('NOSHOW01')).toBeInTheDocument()
  })

  it('when I wait for a full slot, then the waitlist shows my place and I can leave it', async () => {
    setSession({ accessToken: 'a', refreshToken: 'r' })
    let status = 'waiting'
    const calls = fakeApi({
      'GET /api/v1/bookings': () => page([]),
      'GET /api/v1/bookings/waitlist': () =>
        page([{
          id: 'w1', slotId: booking().slotId, hallId: HALL_ID, hallName: '忻州市政务服务中心', serviceId: SERVICE_ID,
          serviceName: '企业设立登记（营业执照）', date: '2026-11-28', start: '09:00', end: '09:30', status, position: 2,
          joinedAt: '2026-11-27T02:00:00.000Z'
        }]),
      'DELETE /api/v1/bookings/waitlist/w1': () => {
        status = 'left'
        return {}
      }
    })
    render(<BookingsPage />)
    const entry = await screen.findByTestId('waitlist-entry')
    expect(entry).toHaveTextContent('候补中 第2位')
    expect(entry).toHaveTextContent('11月28日 周六 09:00-09:30')
    fireEvent.click(screen.getByText('退出候补'))
    await waitFor(() => expect(screen.queryByTestId('waitlist-entry')).not.toBeInTheDocument())
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/v1/bookings/waitlist/w1')).toBe(true)
  })

  it('when signed out on H5, then the list asks to log in instead of hanging', async () => {
    fakeApi({})
    render(<BookingsPage />)
    expect(await screen.findByText('请先登录')).toBeInTheDocument()
    fireEvent.click(screen.getByTestId('go-login'))
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' })
  })
})

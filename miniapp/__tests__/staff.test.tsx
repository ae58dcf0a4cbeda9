import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { routerParams } from '../test/mocks/taro'
import { getSession } from '@/api/request'
import StaffLogin from '@/staff/login'
import StaffDesk from '@/staff/desk'
import StaffCheckin from '@/staff/checkin'
import StaffQueue from '@/staff/queue'
import StaffWorkOrders from '@/staff/work-orders'
import StaffWorkOrder from '@/staff/work-order'
import type { BookingStatus, StaffBookingItem, WorkOrder } from '@xz/shared'
import { CITIZEN_ME, HALL, HALL_ID, STAFF_ME, apiError, fakeApi, resetTaro, signIn } from './staff-fake-api'

/** Types into a Taro Input/Textarea (its web component wires its listener asynchronously after mount). */
async function type(testId: string, value: string) {
  await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
  const input = screen.getByTestId(testId).querySelector('input, textarea') ?? screen.getByTestId(testId)
  fireEvent.input(input, { target: { value } })
}

const counts = (c: Partial<Record<BookingStatus | 'total', number>>): Record<BookingStatus | 'total', number> => ({ total: 0, booked: 0, checked_in: 0, served: 0, cancelled: 0, no_show: 0, ...c })
const item = (over: Partial<StaffBookingItem>): StaffBookingItem => ({
  id: 'b1',
  status: 'booked',
  date: '2026-11-28',
  start: '09:00',
  end: '09:30',
  label: '双休日值班',
  serviceId: 's1',
  serviceName: '营业执照办理',
  applicantName: '赵一',
  mobileMasked: '138****5678',
  ...over
})

const ratingOf = (level: 1 | 2): WorkOrder['rating'] => ({
  id: 'r1', kind: 'window', level, levelLabel: level === 1 ? '非常不满意' : '不满意', dimensions: {}, tags: ['等待时间长'],
  comment: '等了一个小时', raterName: '王*', ratedAt: '2026-11-20T02:00:00.000Z'
})
const workOrder = (over: Partial<WorkOrder>): WorkOrder => ({
  id: 'w1', status: 'pending_verification', statusLabel: '待核实', kind: 'window', hallId: HALL_ID, hallName: HALL.name,
  serviceId: 's1', serviceName: '营业执照办理', regionCode: '140900', rating: ratingOf(1),
  verifyDeadline: '2026-11-23T09:30:00.000Z', dueAt: '2026-11-23T09:30:00.000Z', overdue: false, createdAt: '2026-11-20T02:00:00.000Z',
  ...over
})

describe('staff screens', () => {
  beforeEach(resetTaro)

  it('when a citizen account opens the staff desk, then it is redirected to the staff login with a message', async () => {
    signIn()
    fakeApi({ 'GET /api/v1/me': CITIZEN_ME })
    render(<StaffDesk />)
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/staff/login/index?reason=forbidden' }))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '无权访问工作人员页面' }))
    expect(screen.queryByTestId('staff-desk')).not.toBeInTheDocument()

    routerParams.reason = 'forbidden'
    render(<StaffLogin />)
    expect(screen.getByTestId('login-notice')).toHaveTextContent('当前账号不是工作人员账号')
  })

  it('when nobody is signed in, then the staff desk sends to the login page', async () => {
    render(<StaffDesk />)
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/staff/login/index?reason=login' }))
  })

  it('when staff sign in, then the session is stored and the desk opens; a wrong password shows the server message', async () => {
    const calls = fakeApi({
      'POST /api/v1/auth/staff': (data) =>
        data.password === 'right-pass'
          ? { body: { accessToken: 'a-token', refreshToken: 'r-token-123456', expiresIn: 900, user: STAFF_ME } }
          : apiError(401, 'INVALID_CREDENTIALS', '用户名或密码错误')
    })
    render(<StaffLogin />)
    await type('login-username', 'zhang')
    await type('login-password', 'wrong')
    fireEvent.click(screen.getByTestId('login-submit'))
    expect(await screen.findByTestId('login-error')).toHaveTextContent('用户名或密码错误')

    await type('login-password', 'right-pass')
    fireEvent.click(screen.getByTestId('login-submit'))
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/staff/desk/index' }))
    expect(getSession()).toEqual({ accessToken: 'a-token', refreshToken: 'r-token-123456' })
    expect(calls[1]).toMatchObject({ method: 'POST', path: '/api/v1/auth/staff', data: { username: 'zhang', password: 'right-pass' } })
  })

  it('when the desk loads, then it shows the sessions with counts per state and switching the date reloads', async () => {
    signIn()
    const calls = fakeApi({
      'GET /api/v1/me': STAFF_ME,
      [`GET /api/v1/halls/${HALL_ID}`]: HALL,
      'GET /api/v1/staff/bookings': (q) => ({
        body: {
          hall: { id: HALL_ID, name: HALL.name },
          date: q.date,
          counts: counts({ total: 3, booked: 1, checked_in: 1, served: 1 }),
          sessions: [
            {
              start: '09:00', end: '12:00', label: '双休日值班', counts: counts({ total: 3, booked: 1, checked_in: 1, served: 1 }),
              bookings: [item({}), item({ id: 'b2', status: 'checked_in', applicantName: '钱二', queueNumber: 'Y001' }), item({ id: 'b3', status: 'served', applicantName: '孙三' })]
            }
          ]
        }
      }),
      'POST /api/v1/staff/bookings/b2/serve': item({ id: 'b2', status: 'served' })
    })
    render(<StaffDesk />)
    expect(await screen.findByTestId('desk-session')).toBeInTheDocument()
    expect(screen.getByTestId('hall-name')).toHaveTextContent(HALL.name)
    expect(screen.getByTestId('day-counts-booked')).toHaveTextContent('1待签到')
    expect(screen.getByTestId('day-counts-served')).toHaveTextContent('1已办结')
    const rows = screen.getAllByTestId('desk-booking')
    expect(rows).toHaveLength(3)
    expect(rows[0]).toHaveTextContent('赵一 138****5678')
    expect(within(rows[1]).getByTestId('booking-status')).toHaveTextContent('已签到')

    fireEvent.click(within(rows[1]).getByTestId('booking-serve'))
    expect(await screen.findByTestId('desk-message')).toHaveTextContent('已办结')
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/staff/bookings/b2/serve')).toBe(true)

    const firstDate = calls.find((c) => c.path === '/api/v1/staff/bookings')!.data.date as string
    fireEvent.click(screen.getByTestId('date-next'))
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/v1/staff/bookings').map((c) => c.data.date)).toContain(nextDay(firstDate)))
    expect(calls.find((c) => c.path === '/api/v1/staff/bookings')!.data.hallId).toBe(HALL_ID)
  })

  it('when a booked slot has ended, then 爽约 can be marked; before its end the button is not offered', async () => {
    signIn()
    const calls = fakeApi({
      'GET /api/v1/me': STAFF_ME,
      [`GET /api/v1/halls/${HALL_ID}`]: HALL,
      'GET /api/v1/staff/bookings': {
        hall: { id: HALL_ID, name: HALL.name },
        date: '2020-01-04',
        counts: counts({ total: 2, booked: 2 }),
        sessions: [
          {
            start: '09:00', end: '12:00', counts: counts({ total: 2, booked: 2 }),
            bookings: [item({ id: 'past', date: '2020-01-04' }), item({ id: 'future', date: '2999-01-02', applicantName: '钱二' })]
          }
        ]
      },
      'POST /api/v1/staff/bookings/past/no-show': item({ id: 'past', status: 'no_show' })
    })
    render(<StaffDesk />)
    const rows = await screen.findAllByTestId('desk-booking')
    expect(within(rows[1]).queryByTestId('booking-no-show')).not.toBeInTheDocument()
    fireEvent.click(within(rows[0]).getByTestId('booking-no-show'))
    expect(await screen.findByTestId('desk-message')).toHaveTextContent('已标记爽约')
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/staff/bookings/past/no-show')).toBe(true)
  })

  it('when a code is entered on H5, then the person, the item and the issued queue number are shown', async () => {
    signIn()
    const calls = fakeApi({
      'GET /api/v1/me': STAFF_ME,
      'POST /api/v1/staff/checkins': (data) =>
        data.code === '7K3M9Q2X'
          ? { body: { queueNumber: 'Y017', booking: item({ status: 'checked_in', queueNumber: 'Y017' }) } }
          : apiError(422, 'CHECKIN_WINDOW_CLOSED', '不在签到时间内（开始前 30 分钟至结束）')
    })
    render(<StaffCheckin />)
    await screen.findByTestId('staff-checkin')
    expect(screen.queryByTestId('checkin-scan')).not.toBeInTheDocument()

    await type('checkin-code', 'abc')
    fireEvent.click(screen.getByTestId('checkin-submit'))
    expect(await screen.findByTestId('checkin-error')).toHaveTextContent('预约码应为8位字母或数字')

    await type('checkin-code', '7k3m-9q2x')
    fireEvent.click(screen.getByTestId('checkin-submit'))
    expect(await screen.findByTestId('checkin-queue-number')).toHaveTextContent('Y017')
    expect(screen.getByTestId('checkin-person')).toHaveTextContent('赵一 138****5678')
    expect(screen.getByTestId('checkin-service')).toHaveTextContent('营业执照办理')
    expect(calls.find((c) => c.path === '/api/v1/staff/checkins')!.data).toEqual({ code: '7K3M9Q2X' })

    await type('checkin-code', 'ZZZZZZZZ')
    fireEvent.click(screen.getByTestId('checkin-submit'))
    expect(await screen.findByTestId('checkin-error')).toHaveTextContent('不在签到时间内')
  })

  it('when the next number is called and served, then the queue shows it and reloads; an empty queue says so', async () => {
    signIn()
    let waiting = [{ kind: 'booking', id: 'b1', queueNumber: 'Y001', name: '赵一', serviceId: 's1', serviceName: '营业执照办理', arrivedAt: '2026-11-28T01:00:00.000Z' }]
    const calls = fakeApi({
      'GET /api/v1/me': STAFF_ME,
      [`GET /api/v1/halls/${HALL_ID}`]: HALL,
      'GET /api/v1/staff/queue': () => ({ body: { hallId: HALL_ID, date: '2026-11-28', waiting, called: [], servedCount: 0 } }),
      'POST /api/v1/staff/queue/next': () => {
        const next = waiting[0]
        waiting = []
        return next ? { body: { ...next, calledAt: '2026-11-28T01:05:00.000Z' } } : apiError(404, 'QUEUE_EMPTY', '当前没有等候的办事群众')
      },
      'POST /api/v1/staff/bookings/b1/serve': item({ status: 'served' }),
      'POST /api/v1/staff/walkins': (data) => ({ status: 201, body: { id: 'w1', hallId: HALL_ID, date: '2026-11-28', queueNumber: 'W001', status: 'waiting', serviceId: data.serviceId, serviceName: '营业执照办理', createdAt: '2026-11-28T01:00:00.000Z' } })
    })
    render(<StaffQueue />)
    expect(await screen.findByTestId('queue-waiting')).toHaveTextContent('Y001')

    fireEvent.click(screen.getByTestId('queue-next'))
    await waitFor(() => expect(screen.getByTestId('queue-current')).toHaveTextContent('Y001'))
    expect(screen.getByTestId('queue-message')).toHaveTextContent('请 Y001 赵一 到窗口办理')

    fireEvent.click(screen.getByTestId('queue-serve'))
    expect(await screen.findByText('Y001 号已办结')).toBeInTheDocument()
    expect(screen.getByTestId('queue-current')).toHaveTextContent('—')

    fireEvent.click(screen.getByTestId('queue-next'))
    expect(await screen.findByText('当前没有等候的人')).toBeInTheDocument()

    await screen.findByText('营业执照办理', { selector: '[data-testid="walkin-service"]' })
    await type('walkin-name', '周四')
    fireEvent.click(screen.getByTestId('walkin-submit'))
    expect(await screen.findByText('现场取号成功：W001')).toBeInTheDocument()
    expect(calls.find((c) => c.path === '/api/v1/staff/walkins')!.data).toEqual({ hallId: HALL_ID, serviceId: HALL.services[0].id, name: '周四' })
  })

  it('when work orders are listed, then overdue ones come first with their deadline', async () => {
    signIn()
    fakeApi({
      'GET /api/v1/me': STAFF_ME,
      'GET /api/v1/staff/work-orders': {
        items: [
          workOrder({ id: 'w1', serviceName: '事项甲', dueAt: '2026-11-25T09:30:00.000Z' }),
          workOrder({ id: 'w2', serviceName: '事项乙', overdue: true, dueAt: '2026-11-26T09:30:00.000Z' })
        ],
        total: 2, page: 1, pageSize: 50
      }
    })
    render(<StaffWorkOrders />)
    const orders = await screen.findAllByTestId('work-order')
    expect(orders[0]).toHaveTextContent('事项乙')
    expect(within(orders[0]).getByTestId('work-order-status')).toHaveTextContent('已超期')
    expect(orders[1]).toHaveTextContent('核实期限：11-25 17:30')
    fireEvent.click(orders[1])
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/work-order/index?id=w1' })
  })

  it('when a work order is verified and then replied, then each step is sent and the new state shown', async () => {
    signIn()
    routerParams.id = 'w1'
    const calls = fakeApi({
      'GET /api/v1/me': STAFF_ME,
      'GET /api/v1/staff/work-orders/w1': workOrder({}),
      'POST /api/v1/staff/work-orders/w1/verify': workOrder({
        status: 'rectifying', statusLabel: '整改中', replyDeadline: '2026-11-30T09:30:00.000Z',
        verification: { valid: true, at: '2026-11-21T01:00:00.000Z' }
      }),
      'POST /api/v1/staff/work-orders/w1/reply': (data) => ({
        body: workOrder({ status: 'replied', statusLabel: '已整改答复', reply: { text: String(data.text), at: '2026-11-22T01:00:00.000Z' } })
      })
    })
    render(<StaffWorkOrder />)
    expect(await screen.findByTestId('wo-status')).toHaveTextContent('待核实')
    expect(screen.getByTestId('wo-verify-deadline')).toHaveTextContent('11-23 17:30')

    fireEvent.click(screen.getByTestId('wo-verify'))
    await waitFor(() => expect(screen.getByTestId('wo-status')).toHaveTextContent('整改中'))
    expect(screen.getByTestId('wo-reply-deadline')).toHaveTextContent('11-30 17:30')

    await type('wo-reply-text', '好')
    fireEvent.click(screen.getByTestId('wo-reply'))
    expect(await screen.findByTestId('wo-error')).toHaveTextContent('至少 5 个字')

    await type('wo-reply-text', '已增设周末窗口并加强培训')
    fireEvent.click(screen.getByTestId('wo-reply'))
    await waitFor(() => expect(screen.getByTestId('wo-status')).toHaveTextContent('已整改答复'))
    expect(screen.getByTestId('wo-reply-shown')).toHaveTextContent('已增设周末窗口并加强培训')
    expect(calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.data])).toEqual([
      ['/api/v1/staff/work-orders/w1/verify', { valid: true }],
      ['/api/v1/staff/work-orders/w1/reply', { text: '已增设周末窗口并加强培训' }]
    ])
  })

  it('when a work order is rejected, then a category and a reason are required and the server message is shown', async () => {
    signIn()
    routerParams.id = 'w1'
    const calls = fakeApi({
      'GET /api/v1/me': STAFF_ME,
      'GET /api/v1/staff/work-orders/w1': workOrder({}),
      'POST /api/v1/staff/work-orders/w1/verify': () => apiError(400, 'VALIDATION_FAILED', '驳回时请填写理由（至少 5 个字）', {
        issues: [{ path: 'reason', message: '驳回时请填写理由（至少 5 个字）', code: 'custom' }]
      })
    })
    render(<StaffWorkOrder />)
    fireEvent.click(await screen.findByTestId('wo-reject-open'))
    fireEvent.click(screen.getByTestId('wo-category-恶意'))
    await type('wo-reject-reason', '短')
    fireEvent.click(screen.getByTestId('wo-reject'))
    expect(await screen.findByTestId('wo-error')).toHaveTextContent('至少 5 个字')
    expect(calls.some((c) => c.method === 'POST')).toBe(false)

    await type('wo-reject-reason', '评价人并未到本网点办理')
    fireEvent.click(screen.getByTestId('wo-reject'))
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true))
    expect(calls.find((c) => c.method === 'POST')!.data).toEqual({ valid: false, reason: '评价人并未到本网点办理', category: '恶意' })
    expect(await screen.findByTestId('wo-error')).toHaveTextContent('驳回时请填写理由')
  })
})

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

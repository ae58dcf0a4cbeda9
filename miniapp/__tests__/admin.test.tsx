import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import AdminRules from '@/admin/rules'
import AdminStats from '@/admin/stats'
import AdminCalendar from '@/admin/calendar'
import AdminAccounts from '@/admin/accounts'
import AdminHome from '@/admin/index'
import { addDays, type SessionRule } from '@xz/shared'
import { todayLocal } from '@/utils/format'
import { ADMIN_ME, HALL, HALL_ID, STAFF_ME, apiError, fakeApi, resetTaro, signIn } from './staff-fake-api'

async function type(testId: string, value: string) {
  await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
  const input = screen.getByTestId(testId).querySelector('input, textarea') ?? screen.getByTestId(testId)
  fireEvent.input(input, { target: { value } })
}

const adminBase = {
  'GET /api/v1/me': ADMIN_ME,
  'GET /api/v1/halls': { items: [{ id: HALL_ID, name: HALL.name }], total: 1, page: 1, pageSize: 50 }
}

const rule = (over: Partial<SessionRule>): SessionRule => ({
  id: 'r1', hallId: HALL_ID, label: '双休日值班', dayTypes: ['weekend'], start: '09:00', end: '12:00', slotMinutes: 30,
  capacity: 4, capacityIsDefault: true, serviceIds: [], status: 'active', demo: false, ...over
})

const levels = (l: number[]) => ({ '1': l[0], '2': l[1], '3': l[2], '4': l[3], '5': l[4] })

describe('administrator screens', () => {
  beforeEach(resetTaro)

  it('when a staff account opens the admin pages, then it is redirected with the admin-only message', async () => {
    signIn()
    fakeApi({ 'GET /api/v1/me': STAFF_ME })
    render(<AdminHome />)
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/staff/login/index?reason=admin' }))
  })

  it('when a rule is saved with invalid fields, then the server messages appear next to them; a valid one is created', async () => {
    signIn()
    let rules = [rule({})]
    const calls = fakeApi({
      ...adminBase,
      'GET /api/v1/admin/session-rules': () => ({ body: { items: rules, total: rules.length, page: 1, pageSize: 50 } }),
      'POST /api/v1/admin/session-rules': (data) => {
        if (data.end === '25:00') {
          return apiError(400, 'VALIDATION_FAILED', '时间格式应为 HH:mm', {
            issues: [{ path: 'end', message: '时间格式应为 HH:mm', code: 'invalid_format' }]
          })
        }
        const created = rule({ id: 'r2', ...data, capacity: 6, capacityIsDefault: false })
        rules = [...rules, created]
        return { status: 201, body: created }
      }
    })
    render(<AdminRules />)
    expect(await screen.findAllByTestId('rule-item')).toHaveLength(1)
    expect(screen.getByTestId('rule-item')).toHaveTextContent('双休日值班 09:00–12:00')

    fireEvent.click(screen.getByTestId('rule-new'))
    fireEvent.click(screen.getByTestId('rule-label-延时服务'))
    await type('rule-start', '14:00')
    await type('rule-end', '25:00')
    await type('rule-capacity', '6')
    fireEvent.click(screen.getByTestId('rule-save'))
    expect(await screen.findByTestId('rule-error-end')).toHaveTextContent('时间格式应为 HH:mm')
    expect(screen.getByTestId('rule-error')).toHaveTextContent('请按提示修改后再保存')

    await type('rule-end', '17:00')
    fireEvent.click(screen.getByTestId('rule-save'))
    expect(await screen.findByTestId('rule-message')).toHaveTextContent('场次规则已创建')
    await waitFor(() => expect(screen.getAllByTestId('rule-item')).toHaveLength(2))
    const posted = calls.filter((c) => c.method === 'POST').map((c) => c.data)
    expect(posted[1]).toEqual({ hallId: HALL_ID, label: '延时服务', dayTypes: ['weekend'], start: '14:00', end: '17:00', slotMinutes: 30, capacity: 6 })
  })

  it('when a rule is edited and the server refuses it, then its message is shown; clearing the capacity sends null', async () => {
    signIn()
    const calls = fakeApi({
      ...adminBase,
      'GET /api/v1/admin/session-rules': { items: [rule({ capacity: 8, capacityIsDefault: false })], total: 1, page: 1, pageSize: 50 },
      'PATCH /api/v1/admin/session-rules/r1': (data) =>
        data.start === '10:00' ? apiError(422, 'RULE_VIOLATION', '工作日场次不能与常规办公时间（09:00–12:00）重叠') : { body: rule({}) }
    })
    render(<AdminRules />)
    fireEvent.click(await screen.findByTestId('rule-edit'))
    await type('rule-start', '10:00')
    fireEvent.click(screen.getByTestId('rule-save'))
    expect(await screen.findByTestId('rule-error')).toHaveTextContent('不能与常规办公时间')

    await type('rule-start', '08:00')
    await type('rule-capacity', '')
    fireEvent.click(screen.getByTestId('rule-save'))
    expect(await screen.findByTestId('rule-message')).toHaveTextContent('场次规则已修改')
    const patch = calls.filter((c) => c.method === 'PATCH').at(-1)!.data
    expect(patch).toMatchObject({ start: '08:00', capacity: null, effectiveFrom: null })
    expect(patch).not.toHaveProperty('hallId')
  })

  it('when the dashboard loads, then the four charts are drawn with bars proportional to the data', async () => {
    signIn()
    fakeApi({
      ...adminBase,
      'GET /api/v1/stats/overview': (q) => ({
        body: {
          from: q.from, to: q.to, regionCode: '140900',
          ratings: { levels: levels([1, 1, 2, 4, 8]), total: 16, goodRate: 0.875, activeGoodRate: 0.8 },
          ratingsByDay: [
            { date: '2026-11-26', total: 4, levels: levels([1, 0, 0, 1, 2]), goodRate: 0.75, activeGoodRate: 0.5 },
            { date: '2026-11-27', total: 0, levels: levels([0, 0, 0, 0, 0]), goodRate: null, activeGoodRate: null }
          ],
          bookingsByDay: [
            { date: '2026-11-26', booked: 2, checked_in: 0, served: 6, cancelled: 1, no_show: 1 },
            { date: '2026-11-27', booked: 5, checked_in: 0, served: 0, cancelled: 0, no_show: 0 }
          ],
          workOrders: { byStatus: { pending_verification: 2, rectifying: 1, rejected: 0, appealed: 0, replied: 3, closed: 4 }, overdue: 1 }
        }
      })
    })
    render(<AdminStats />)
    expect(await screen.findByTestId('kpi-good-rate')).toHaveTextContent('87.5%')
    expect(screen.getByTestId('kpi-active-good-rate')).toHaveTextContent('80.0%')
    expect(screen.getByTestId('kpi-bookings')).toHaveTextContent('15')

    const levelBars = within(screen.getByTestId('chart-levels')).getAllByTestId('chart-levels-bar')
    expect(levelBars.map((b) => b.style.width)).toEqual(['100%', '50%', '25%', '12.5%', '12.5%'])

    const rateBars = within(screen.getByTestId('chart-rates')).getAllByTestId('chart-rates-bar')
    expect(rateBars.map((b) => b.style.height)).toEqual(['75%', '50%', '0%', '0%'])

    const columns = within(screen.getByTestId('chart-bookings')).getAllByTestId('chart-bookings-col')
    expect(columns.map((c) => c.getAttribute('data-total'))).toEqual(['10', '5'])
    expect(within(columns[0]).getAllByTestId('chart-bookings-segment')).toHaveLength(4)

    const orderBars = within(screen.getByTestId('chart-work-orders')).getAllByTestId('chart-work-orders-bar')
    expect(orderBars).toHaveLength(6)
    expect(orderBars[5].style.width).toBe('100%')
    expect(screen.getByTestId('kpi-overdue')).toHaveTextContent('当前超期 1')
  })

  it('when a day of the month view is overridden and a session cancelled, then both are sent and the outcome shown', async () => {
    signIn()
    // the month view opens on the current month: play on its 5th, and cancel tomorrow's session
    const day = `${todayLocal().slice(0, 7)}-05`
    const tomorrow = addDays(todayLocal(), 1)
    let overrides: { date: string; type: string; name: string }[] = []
    const calendar = (q: Record<string, unknown>) => {
      const days = []
      for (let d = String(q.from); d <= String(q.to); d = addDays(d, 1)) {
        const o = overrides.find((x) => x.date === d)
        days.push({ date: d, type: o ? o.type : 'workday', official: true, ...(o ? { name: o.name, override: true } : {}) })
      }
      return { body: days }
    }
    const calls = fakeApi({
      ...adminBase,
      'GET /api/v1/admin/calendar/overrides': () => ({ body: overrides }),
      'GET /api/v1/calendar': calendar,
      [`PUT /api/v1/admin/calendar/overrides/${day}`]: (data) => {
        overrides = [{ date: day, type: String(data.type), name: String(data.name) }]
        return { body: overrides[0] }
      },
      [`POST /api/v1/admin/sessions/${HALL_ID}/${tomorrow}/cancel`]: (data) => ({
        body: { hallId: HALL_ID, date: tomorrow, reason: data.reason, cancelledBookings: 3, closedWaitlistEntries: 0 }
      })
    })
    render(<AdminCalendar />)
    expect(await screen.findByText('暂无调整，按国务院办公厅公布的安排执行')).toBeInTheDocument()

    const cell = (await screen.findAllByTestId('calendar-day')).find((el) => el.getAttribute('data-date') === day)!
    fireEvent.click(cell)
    expect(await screen.findByTestId('day-title')).toHaveTextContent('工作日')
    fireEvent.click(screen.getByTestId('override-type-holiday'))
    await type('override-name', '临时闭馆')
    fireEvent.click(screen.getByTestId('override-save'))
    expect(await screen.findByTestId('override-item')).toHaveTextContent('临时闭馆')
    await waitFor(() => {
      const marked = screen.getAllByTestId('calendar-day').find((el) => el.getAttribute('data-date') === day)!
      expect(marked.getAttribute('data-override')).toBe('1')
    })

    await type('cancel-date', tomorrow)
    await type('cancel-reason', '停电检修')
    fireEvent.click(screen.getByTestId('cancel-submit'))
    expect(await screen.findByText(/3 个预约已取消并通知预约人/)).toBeInTheDocument()
    expect(calls.find((c) => c.method === 'PUT')!.data).toEqual({ type: 'holiday', name: '临时闭馆' })
    expect(calls.find((c) => c.path.endsWith('/cancel'))!.data).toEqual({ reason: '停电检修' })
  })

  it('when an account is created or its password reset, then the one-time password is shown and the list reloads', async () => {
    signIn()
    let accounts: unknown[] = []
    const calls = fakeApi({
      ...adminBase,
      'GET /api/v1/admin/accounts': () => ({ body: { items: accounts, total: accounts.length, page: 1, pageSize: 50 } }),
      'POST /api/v1/admin/accounts': (data) => {
        if (!(data.hallIds as string[]).length) {
          return apiError(400, 'VALIDATION_FAILED', '请至少选择一个服务网点', { issues: [{ path: 'hallIds', message: '请至少选择一个服务网点' }] })
        }
        const account = { id: 'n1', username: data.username, name: data.name, role: 'staff', hallIds: data.hallIds, halls: [{ id: HALL_ID, name: HALL.name }], disabled: false, createdAt: '2026-11-27T00:00:00.000Z' }
        accounts = [account]
        return { status: 201, body: { account, password: 'Xz-7h3k9q' } }
      },
      'POST /api/v1/admin/accounts/n1/reset-password': () => ({ body: { account: accounts[0], password: 'Nw-2p8r4t' } })
    })
    render(<AdminAccounts />)
    await screen.findByText('暂无工作人员账号')
    await type('account-username', 'wangwu')
    await type('account-name', '王五')
    fireEvent.click(screen.getByTestId('account-create'))
    expect(await screen.findByTestId('account-error-hallIds')).toHaveTextContent('请至少选择一个服务网点')

    fireEvent.click(await screen.findByText(HALL.name, { selector: '[data-testid="account-hall"]' }))
    fireEvent.click(screen.getByTestId('account-create'))
    expect(await screen.findByTestId('account-password')).toHaveTextContent('Xz-7h3k9q')
    expect(await screen.findByTestId('account-item')).toHaveTextContent('王五（wangwu）')
    expect(calls.filter((c) => c.method === 'POST').at(-1)!.data).toEqual({ username: 'wangwu', name: '王五', hallIds: [HALL_ID] })

    fireEvent.click(screen.getByTestId('account-reset'))
    await waitFor(() => expect(screen.getByTestId('account-password')).toHaveTextContent('Nw-2p8r4t'))
    expect(screen.getByTestId('account-created')).toHaveTextContent('wangwu 密码已重置')
  })
})

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { addDays } from '@xz/shared'
import { setSession } from '@/api/request'
import BookPage from '@/pages/book'
import { todayLocal } from '@/utils/format'
import { routerParams, storage } from '../test/mocks/taro'
import { apiError, fakeApi, page, typeInto } from './helpers/api'
import { BOOKING_ID, SERVICE_ID, VALID_CREDIT_CODE, booking, hall, serviceDetail, slot } from './helpers/fixtures'

const redirectTo = Taro.redirectTo as jest.Mock

function setup(slotsRemaining: number[], extra: Parameters<typeof fakeApi>[0] = {}) {
  const today = todayLocal()
  const weekendDay = addDays(today, 3)
  const slots = slotsRemaining.map((remaining, i) => slot(weekendDay, `${String(9 + i).padStart(2, '0')}:00`, remaining))
  const calls = fakeApi({
    'GET /api/v1/me': () => ({ id: 'u1', role: 'citizen', name: '张三', mobile: '13812345678' }),
    'GET /api/v1/health': () => ({ status: 'ok', db: 'up', devLogin: true, time: '' }),
    [`GET /api/v1/services/${SERVICE_ID}`]: () => serviceDetail,
    'GET /api/v1/halls': () => page([hall]),
    'GET /api/v1/calendar': () =>
      Array.from({ length: 14 }, (_, i) => ({ date: addDays(today, i), type: i === 3 ? 'weekend' : 'workday', official: true })),
    'GET /api/v1/slots': () => slots,
    'GET /api/v1/me/agreement': () => ({ currentVersion: 'v', agreedVersion: 'v', agreed: true }),
    ...extra
  })
  return { calls, weekendDay, slots }
}

describe('booking flow page', () => {
  it('when a weekend slot is chosen and the enterprise form is valid, then it books once with an Idempotency-Key and opens the success page', async () => {
    const { calls, weekendDay, slots } = setup([3], {
      'POST /api/v1/bookings': () => ({ status: 201, body: booking() })
    })
    render(<BookPage />)

    const day = await screen.findByTestId(`day-${weekendDay}`)
    expect(day).toHaveTextContent('双休日')
    expect(day).toHaveTextContent('余3')
    fireEvent.click(await screen.findByTestId('slot'))

    // profile prefill
    await waitFor(() => expect(screen.getByTestId('field-name').querySelector('taro-input-core')).toHaveAttribute('value', '张三'))

    fireEvent.click(screen.getByTestId('toggle-enterprise'))
    act(() => typeInto('field-enterprise-name', '忻州市示例科技有限公司'))
    act(() => typeInto('field-credit-code', '91140900MA0K1234X1'))
    expect(screen.getByTestId('field-credit-code-error')).toHaveTextContent('统一社会信用代码校验不通过')
    act(() => typeInto('field-credit-code', VALID_CREDIT_CODE.toLowerCase()))
    expect(screen.queryByTestId('field-credit-code-error')).not.toBeInTheDocument()
    expect(screen.getByTestId('credit-code-ok')).toBeInTheDocument()

    fireEvent.click(screen.getByTestId('submit-booking'))
    const summary = await screen.findByTestId('confirm-summary')
    expect(summary).toHaveTextContent('企业设立登记（营业执照）')
    expect(summary).toHaveTextContent('忻州市示例科技有限公司')
    fireEvent.click(screen.getByTestId('dialog-confirm'))

    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: `/pages/booking/index?id=${BOOKING_ID}&new=1` }))
    const posts = calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/bookings')
    expect(posts).toHaveLength(1)
    expect(posts[0].data).toEqual({
      slotId: slots[0].id,
      serviceId: SERVICE_ID,
      applicant: { name: '张三', phone: '13812345678' },
      enterprise: { name: '忻州市示例科技有限公司', creditCode: VALID_CREDIT_CODE },
      note: undefined
    })
    expect(posts[0].header['Idempotency-Key']).toMatch(/^[A-Za-z0-9_.:-]{8,100}$/)
  })

  it('when the mobile number is wrong, then it shows the error and does not submit', async () => {
    const { calls } = setup([2])
    render(<BookPage />)
    fireEvent.click(await screen.findByTestId('slot'))
    await waitFor(() => expect(screen.getByTestId('field-phone').querySelector('taro-input-core')).toHaveAttribute('value', '13812345678'))
    act(() => typeInto('field-phone', '12345678901'))
    expect(screen.getByTestId('field-phone-error')).toHaveTextContent('请输入正确的手机号码')

    fireEvent.click(screen.getByTestId('submit-booking'))
    // the error stays at its field (scrolled into view), no confirmation is asked
    expect(screen.getByTestId('field-phone-error')).toHaveTextContent('请输入正确的手机号码')
    expect(screen.queryByTestId('confirm-summary')).not.toBeInTheDocument()
    expect(calls.some((c) => c.method === 'POST')).toBe(false)
  })

  it('when the server answers SLOT_FULL, then the Chinese message shows and the slots reload', async () => {
    const { calls } = setup([1], { 'POST /api/v1/bookings': () => apiError(409, 'SLOT_FULL') })
    render(<BookPage />)
    fireEvent.click(await screen.findByTestId('slot'))
    await waitFor(() => expect(screen.getByTestId('field-name').querySelector('taro-input-core')).toHaveAttribute('value', '张三'))
    fireEvent.click(screen.getByTestId('submit-booking'))
    fireEvent.click(await screen.findByTestId('dialog-confirm'))

    // shown at the slot list, the full slot deselected (no form), the slots reloaded
    expect(await screen.findByTestId('book-error-slot')).toHaveTextContent('该时段已约满')
    expect(screen.queryByTestId('booking-form')).not.toBeInTheDocument()
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/v1/slots')).toHaveLength(2))
    expect(redirectTo).not.toHaveBeenCalled()
  })

  it('when a slot is full, then it offers the waitlist and joins it', async () => {
    const fullSlot = slot(addDays(todayLocal(), 3), '09:00', 0)
    const { calls } = setup([0, 2], {
      [`POST /api/v1/slots/${fullSlot.id}/waitlist`]: () => ({ status: 201, body: { id: 'w1', slotId: fullSlot.id, hallId: fullSlot.hallId, serviceId: SERVICE_ID, date: fullSlot.date, start: fullSlot.start, end: fullSlot.end, status: 'waiting', position: 2, joinedAt: new Date().toISOString() } })
    })
    render(<BookPage />)
    const full = await screen.findByTestId('waitlist-button')
    expect(within(screen.getAllByTestId('slot')[0]).getByText('已约满 · 候补')).toBeInTheDocument()
    fireEvent.click(full)
    // the form asks who waits (prefilled from the profile), then the applicant is sent with the request
    await waitFor(() => expect(screen.getByTestId('field-name').querySelector('taro-input-core')).toHaveAttribute('value', '张三'))
    fireEvent.click(screen.getByTestId('submit-waitlist'))
    fireEvent.click(await screen.findByTestId('dialog-confirm'))
    expect(await screen.findByTestId('waitlist-joined')).toHaveTextContent('已加入候补，当前第2位')
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      path: `/api/v1/slots/${fullSlot.id}/waitlist`,
      data: { serviceId: SERVICE_ID, applicant: { name: '张三', phone: '13812345678' } }
    })
  })

  it('when rescheduling, then no form is asked and the booking moves to the chosen slot', async () => {
    routerParams.rescheduleId = BOOKING_ID
    const { calls, slots } = setup([2], {
      [`POST /api/v1/bookings/${BOOKING_ID}/reschedule`]: () => booking()
    })
    render(<BookPage />)
    expect(await screen.findByTestId('book-service-name')).toHaveTextContent('改约：')
    fireEvent.click(await screen.findByTestId('slot'))
    expect(screen.queryByTestId('booking-form')).not.toBeInTheDocument()
    fireEvent.click(screen.getByTestId('submit-booking'))
    fireEvent.click(await screen.findByTestId('dialog-confirm'))

    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: `/pages/booking/index?id=${BOOKING_ID}&new=reschedule` }))
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      path: `/api/v1/bookings/${BOOKING_ID}/reschedule`,
      data: { slotId: slots[0].id }
    })
  })

  it('when booking is suspended after no-shows, then the suspension notice is shown', async () => {
    setup([2], { 'POST /api/v1/bookings': () => apiError(422, 'BOOKING_SUSPENDED') })
    render(<BookPage />)
    fireEvent.click(await screen.findByTestId('slot'))
    await waitFor(() => expect(screen.getByTestId('field-name').querySelector('taro-input-core')).toHaveAttribute('value', '张三'))
    fireEvent.click(screen.getByTestId('submit-booking'))
    fireEvent.click(await screen.findByTestId('dialog-confirm'))
    expect(await screen.findByTestId('book-error-top')).toHaveTextContent('因多次爽约，预约功能暂停使用')
  })

  it('when the slots cannot be loaded, then the calendar shows the error with a retry', async () => {
    setup([1], { 'GET /api/v1/slots': () => apiError(503, 'DB_UNAVAILABLE') })
    render(<BookPage />)
    expect(await screen.findByText('服务繁忙，请稍后再试')).toBeInTheDocument()
    expect(screen.getByTestId('state-retry')).toBeInTheDocument()
  })

  it('when the agreement is not recorded and the person declines it, then nothing is booked and the reason is shown', async () => {
    ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
    const { calls, weekendDay } = setup([3], {
      'GET /api/v1/me/agreement': () => ({ currentVersion: 'v', agreed: false }),
      'POST /api/v1/bookings': () => ({ status: 201, body: booking() })
    })
    render(<BookPage />)
    await screen.findByTestId(`day-${weekendDay}`, undefined, { timeout: 5000 })
    fireEvent.click(await screen.findByTestId('slot'))
    await waitFor(() => expect(screen.getByTestId('field-name').querySelector('taro-input-core')).toHaveAttribute('value', '张三'))
    fireEvent.click(screen.getByTestId('submit-booking'))
    await screen.findByTestId('confirm-summary')
    fireEvent.click(screen.getByTestId('dialog-confirm'))
    expect(await screen.findByText('同意《用户协议》和《隐私政策》后才能提交')).toBeInTheDocument()
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '用户协议与隐私政策' }))
    expect(calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/bookings')).toHaveLength(0)
  })


  beforeEach(() => {
    storage.clear()
    redirectTo.mockClear()
    for (const key of Object.keys(routerParams)) delete routerParams[key]
    routerParams.serviceId = SERVICE_ID
    setSession({ accessToken: 'a', refreshToken: 'r' })
  })
  afterEach(() => {
    ;(Taro.request as jest.Mock).mockReset()
  })
})

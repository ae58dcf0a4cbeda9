/**
 * The desk list's own 签到 button (no code to retype), the dated refusal of an early check-in, and the dated title on
 * days other than today — in the H5 build against the real server and database.
 */
import { weekday, WEEKDAY_LABELS } from '@xz/shared'
import { setNow } from '../../server/src/lib/clock'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { useTestDb } from '../helpers/db'
import { at, makeBooking, newBookingCode, testDay } from '../helpers/desk-fixtures'
import { screenshot, staffSignIn, tap, testId, useDeskBrowser, type Phone } from '../helpers/browser'

useTestDb()
const desk = useDeskBrowser()

afterEach(() => setNow(undefined))

const staffLogin = (page: Phone['page'], session: { username: string; password: string }) =>
  staffSignIn(page, desk.server.url, session, 'staff-desk')

const dayText = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8))}日`

describe('staff desk: 签到 from the list', () => {
  it('when staff tap 签到 on a row too early, then the refusal names the day; in the window the row is checked in with a number', async () => {
    const { page, context } = desk.phone
    const day = testDay()
    const booking = await makeBooking({ hall: desk.world.hall, service: desk.world.service, start: '11:00', code: newBookingCode(), name: '李四' })
    // business time: the day before the test Saturday, 15:00
    const dayBefore = new Date(at('15:00').getTime() - 24 * 3600_000)
    setNow(dayBefore)
    await context.clock.setFixedTime(dayBefore)

    await staffLogin(page, desk.world.actors.staffHere)
    expect(await testId(page, 'desk-title').textContent()).toBe('今日预约')
    await tap(page, 'date-next')
    // another day: the title says which
    await testId(page, 'desk-title').filter({ hasText: dayText(day) }).waitFor()
    expect(await testId(page, 'desk-title').textContent()).toBe(`${dayText(day)} ${WEEKDAY_LABELS[weekday(day)]} 预约`)
    await testId(page, 'desk-booking').filter({ hasText: '李四' }).waitFor()

    await tap(page, 'booking-checkin')
    await testId(page, 'desk-message').waitFor()
    const refusal = (await testId(page, 'desk-message').textContent())!
    expect(refusal).toContain(`请于 ${dayText(day)}`)
    expect(refusal).toContain('10:30 后签到')
    await screenshot(page, 'staff-desk-checkin-refused', { fullPage: true })
    expect((await Booking.findById(booking._id).lean())?.status).toBe('booked')

    // 10:45 on the day: the same button checks the person in
    setNow(at('10:45'))
    await context.clock.setFixedTime(at('10:45'))
    await tap(page, 'booking-checkin')
    await testId(page, 'desk-message').filter({ hasText: '已签到，排队号 Y' }).waitFor()
    await testId(page, 'booking-status').filter({ hasText: '已签到' }).waitFor()
    const stored = await Booking.findById(booking._id).lean()
    expect(stored?.status).toBe('checked_in')
    expect(await testId(page, 'desk-message').textContent()).toContain(stored!.queueNumber!)
    await screenshot(page, 'staff-desk-checkin-done', { fullPage: true })
  })
})

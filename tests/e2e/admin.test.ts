/// <reference lib="dom" />
import { addDays, localDate } from '@xz/shared'
import { Account } from '../../server/src/modules/auth/auth.model'
import { CalendarOverride } from '../../server/src/modules/calendar/calendar.model'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { SessionRule } from '../../server/src/modules/sessions/session.model'
import { api } from '../helpers/app'
import { citizen } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { makeBooking, testDay } from '../helpers/desk-fixtures'
import { servedBooking } from '../helpers/rating-fixtures'
import {
  currentPage, fill, open, screenshot, staffSignIn, storeSession, tap, testId, useDeskBrowser, waitForPage, type Phone,
} from '../helpers/browser'

useTestDb()
const desk = useDeskBrowser()

const adminLogin = (page: Phone['page'], admin = desk.world.actors.adminHere) => staffSignIn(page, desk.server.url, admin, 'admin-home')

describe('administrator screens in the browser (H5 build, real server and database)', () => {
  it('when an administrator creates a Saturday session rule, then a citizen sees its slots on the booking page', async () => {
    const { page } = desk.phone
    const day = testDay()
    const before = await api().get('/api/v1/slots').query({ hallId: desk.world.hall.id, from: day, to: day })
    expect(before.body).toEqual([])

    await adminLogin(page)
    await screenshot(page, 'admin-home', { fullPage: true })
    await tap(page, 'admin-entry-rules')
    await waitForPage(page)
    await testId(page, 'hall-picker').filter({ hasText: desk.world.hall.name }).waitFor()
    await tap(page, 'rule-new')
    // 双休日值班 on weekends is the default choice; first an invalid end time, refused by the server's validation
    await fill(page, 'rule-start', '09:00')
    await fill(page, 'rule-end', '25:00')
    await tap(page, 'rule-save')
    await testId(page, 'rule-error-end').waitFor()
    expect(await testId(page, 'rule-error-end').textContent()).toContain('HH:mm')
    await screenshot(page, 'admin-rule-validation', { fullPage: true })

    await fill(page, 'rule-end', '11:00')
    await fill(page, 'rule-capacity', '3')
    await tap(page, 'rule-save')
    await testId(page, 'rule-message').waitFor()
    await testId(page, 'rule-item').waitFor()
    expect(await testId(page, 'rule-item').textContent()).toContain('双休日值班 09:00–11:00')
    await screenshot(page, 'admin-rules', { fullPage: true })

    const rules = await SessionRule.find({ hallId: desk.world.hall._id }).lean()
    expect(rules).toHaveLength(1)
    expect(rules[0]).toMatchObject({ label: '双休日值班', dayTypes: ['weekend'], start: '09:00', end: '11:00', slotMinutes: 30, capacity: 3 })

    // the citizen's side: the API and the citizen booking page show the new Saturday slots
    const slots = await api().get('/api/v1/slots').query({ hallId: desk.world.hall.id, serviceId: desk.world.service.id, from: day, to: day })
    expect(slots.status).toBe(200)
    expect(slots.body.map((s: { start: string }) => s.start)).toEqual(['09:00', '09:30', '10:00', '10:30'])
    expect(slots.body.every((s: { remaining: number; label: string }) => s.remaining === 3 && s.label === '双休日值班')).toBe(true)

    const person = await citizen()
    await storeSession(page, { accessToken: person.token, refreshToken: person.refreshToken })
    await open(page, desk.server.url, `pages/book/index?serviceId=${desk.world.service.id}&hallId=${desk.world.hall.id}`)
    await tap(page, `day-${day}`)
    await testId(page, 'slot').waitFor()
    expect(await currentPage(page).locator('[data-testid="slot"]').count()).toBe(4)
    await screenshot(page, 'admin-rule-citizen-slots', { fullPage: true })
  })

  it('when there are ratings, bookings and work orders, then the dashboard draws its four charts with the data', async () => {
    const { page } = desk.phone
    const today = localDate(new Date())
    const levels = [5, 5, 4, 3, 1]
    for (const [i, level] of levels.entries()) {
      const rater = await citizen()
      const served = await servedBooking({ userId: rater.id, hall: desk.world.hall, service: desk.world.service, servedAt: new Date(Date.now() - (i + 1) * 3600_000) })
      const bad = level <= 2 ? { tags: ['等待时间长'], comment: '排队等待时间太长了' } : {}
      const res = await api().post('/api/v1/ratings').set(rater.auth).send({ bookingId: served.id, level, ...bad })
      expect(res.status).toBe(201)
    }
    await makeBooking({ hall: desk.world.hall, service: desk.world.service, date: addDays(today, -1), start: '09:00', status: 'no_show' })
    await makeBooking({ hall: desk.world.hall, service: desk.world.service, date: addDays(today, -2), start: '09:30', status: 'cancelled' })

    await adminLogin(page)
    await tap(page, 'admin-entry-stats')
    await waitForPage(page)
    await testId(page, 'chart-levels').waitFor()
    expect(await testId(page, 'kpi-ratings').textContent()).toBe('5')
    expect(await testId(page, 'kpi-good-rate').textContent()).toBe('80.0%')

    // bars are Views with percentage sizes: measure what the browser actually drew
    const widths = await currentPage(page).locator('[data-testid="chart-levels-bar"]').evaluateAll((bars) => bars.map((b) => b.getBoundingClientRect().width))
    expect(widths).toHaveLength(5)
    expect(widths[0]).toBeGreaterThan(100) // 非常满意: the longest bar
    expect(Math.abs(widths[1] - widths[0] / 2)).toBeLessThan(3) // 满意: 1 of 2
    const rateHeights = await currentPage(page).locator('[data-testid="chart-rates-bar"]').evaluateAll((bars) => bars.map((b) => b.getBoundingClientRect().height))
    expect(Math.max(...rateHeights)).toBeGreaterThan(50)
    const segments = await currentPage(page).locator('[data-testid="chart-bookings-segment"]').count()
    expect(segments).toBeGreaterThanOrEqual(3)
    const orderBars = await currentPage(page).locator('[data-testid="chart-work-orders-bar"]').evaluateAll((bars) => bars.map((b) => b.getBoundingClientRect().width))
    expect(orderBars[0]).toBeGreaterThan(100) // the one 差评 is pending verification
    await screenshot(page, 'admin-stats', { fullPage: true })
  })

  it('when the city administrator adds a staff account, overrides a date and cancels a session, then each is stored', async () => {
    const { page } = desk.phone
    // calendar overrides are city-wide: the city administrator's
    await adminLogin(page, desk.world.actors.adminCity)
    await tap(page, 'admin-entry-accounts')
    await waitForPage(page)
    await fill(page, 'account-username', 'zhaoliu01')
    await fill(page, 'account-name', '赵六')
    await currentPage(page).locator('[data-testid="account-hall"]').filter({ hasText: desk.world.hall.name }).click()
    await tap(page, 'account-create')
    await testId(page, 'account-password').waitFor()
    const password = (await testId(page, 'account-password').textContent())!
    await currentPage(page).locator('[data-testid="account-item"]').filter({ hasText: 'zhaoliu01' }).waitFor()
    await screenshot(page, 'admin-accounts', { fullPage: true })
    const stored = (await Account.findOne({ username: 'zhaoliu01' }).lean())!
    expect(stored.hallIds.map(String)).toEqual([desk.world.hall.id])
    // the one-time password works
    expect((await api().post('/api/v1/auth/staff').send({ username: 'zhaoliu01', password })).status).toBe(200)

    const closed = addDays(testDay(), 7)
    const day = testDay()
    await makeBooking({ hall: desk.world.hall, service: desk.world.service, date: day, start: '09:00', name: '孙七' })
    await open(page, desk.server.url, 'admin/calendar/index')
    // the month view: days coloured by type; tap a day (next month if it falls there) to override it
    const dayCell = (date: string) => currentPage(page).locator(`[data-testid="calendar-day"][data-date="${date}"]`)
    await testId(page, 'calendar-day').waitFor()
    if (closed.slice(0, 7) !== localDate(new Date()).slice(0, 7)) await tap(page, 'month-next')
    await dayCell(closed).waitFor()
    expect(await dayCell(closed).getAttribute('data-override')).toBe('0')
    await dayCell(closed).click()
    await tap(page, 'override-type-workday')
    await fill(page, 'override-name', '临时调整')
    await tap(page, 'override-save')
    await testId(page, 'override-item').filter({ hasText: '临时调整' }).waitFor()
    expect(await CalendarOverride.findById(closed).lean()).toMatchObject({ type: 'workday', name: '临时调整' })
    await currentPage(page).locator(`[data-testid="calendar-day"][data-date="${closed}"][data-override="1"][data-type="workday"]`).waitFor()
    const colour = await dayCell(closed).evaluate((el) => getComputedStyle(el).backgroundColor)
    const weekendColour = await currentPage(page)
      .locator('[data-testid="calendar-day"][data-type="weekend"][data-override="0"]')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor)
    expect(colour).not.toBe(weekendColour)
    await screenshot(page, 'admin-calendar-month', { fullPage: true })
    // tap it again: the override can be removed from the month view
    await dayCell(closed).click()
    await tap(page, 'override-delete-day')
    await currentPage(page).locator(`[data-testid="calendar-day"][data-date="${closed}"][data-override="0"]`).waitFor()
    expect(await CalendarOverride.findById(closed).lean()).toBeNull()

    await fill(page, 'cancel-date', day)
    await fill(page, 'cancel-reason', '停电检修')
    await tap(page, 'cancel-submit')
    // Taro's H5 confirmation dialog
    await page.getByText('确定', { exact: true }).filter({ visible: true }).click()
    await testId(page, 'calendar-message').filter({ hasText: '1 个预约已取消' }).waitFor()
    await screenshot(page, 'admin-calendar', { fullPage: true })
    const cancelled = await Booking.find({ hallId: desk.world.hall._id, date: day }).lean()
    expect(cancelled.map((b) => b.status)).toEqual(['cancelled'])
  })
})

import { setNow } from '../../server/src/lib/clock'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { WorkOrder } from '../../server/src/modules/work-orders/work-order.model'
import { api } from '../helpers/app'
import { useTestDb } from '../helpers/db'
import { at, makeBooking, newBookingCode } from '../helpers/desk-fixtures'
import { servedBooking } from '../helpers/rating-fixtures'
import {
  currentPage, fill, open, screenshot, staffSignIn, storeSession, tap, testId, useDeskBrowser, waitForPage, waitForRoute, type Phone,
} from '../helpers/browser'

useTestDb()
const desk = useDeskBrowser()

afterEach(() => {
  setNow(undefined)
})

const staffLogin = (page: Phone['page'], session: { username: string; password: string }) =>
  staffSignIn(page, desk.server.url, session, 'staff-desk')

describe('staff desk in the browser (H5 build, real server and database)', () => {
  it("when staff sign in, then they see the day's booking, check the person in by code, call the number and serve", async () => {
    const { page, context } = desk.phone
    const code = newBookingCode()
    const booking = await makeBooking({ hall: desk.world.hall, service: desk.world.service, start: '10:00', code, name: '王晓明' })
    // business time: 10:05 on the test Saturday, for the server and the browser alike
    setNow(at('10:05'))
    await context.clock.setFixedTime(at('10:05'))

    await staffLogin(page, desk.world.actors.staffHere)
    await testId(page, 'desk-booking').waitFor()
    expect(await testId(page, 'desk-booking').textContent()).toContain('王晓明 138****5678')
    expect(await testId(page, 'day-counts-booked').textContent()).toBe('1待签到')
    await screenshot(page, 'staff-desk', { fullPage: true })

    await tap(page, 'nav-checkin')
    await waitForPage(page)
    await fill(page, 'checkin-code', code.toLowerCase())
    await tap(page, 'checkin-submit')
    await testId(page, 'checkin-result').waitFor()
    expect(await testId(page, 'checkin-queue-number').textContent()).toBe('Y001')
    expect(await testId(page, 'checkin-person').textContent()).toBe('王晓明 138****5678')
    expect(await testId(page, 'checkin-service').textContent()).toBe(desk.world.service.name)
    await screenshot(page, 'staff-checkin', { fullPage: true })

    await tap(page, 'nav-queue')
    await waitForPage(page)
    await testId(page, 'queue-waiting').waitFor()
    expect(await testId(page, 'queue-waiting').textContent()).toContain('Y001')
    await tap(page, 'queue-next')
    await testId(page, 'queue-current').filter({ hasText: 'Y001' }).waitFor()
    await screenshot(page, 'staff-queue-called', { fullPage: true })
    await tap(page, 'queue-serve')
    await testId(page, 'queue-message').filter({ hasText: '已办结' }).waitFor()

    const stored = (await Booking.findById(booking._id).lean())!
    expect(stored.status).toBe('served')
    expect(stored.queueNumber).toBe('Y001')
    expect(stored.history.map((h) => h.status)).toEqual(['booked', 'checked_in', 'served'])
  })

  it('when a 差评 arrives, then staff verify it and reply from the work-order screens until it is replied', async () => {
    const { page } = desk.phone
    const rater = desk.world.actors.citizen
    const served = await servedBooking({ userId: rater.id, hall: desk.world.hall, service: desk.world.service, servedAt: new Date(Date.now() - 3600_000) })
    const rated = await api()
      .post('/api/v1/ratings')
      .set(rater.auth)
      .send({ bookingId: served.id, level: 1, tags: ['态度不好'], comment: '窗口人员态度冷淡，材料没有一次说清' })
    expect(rated.status).toBe(201)
    const order = (await WorkOrder.findOne({ ratingId: rated.body.id }).lean())!

    await staffLogin(page, desk.world.actors.staffHere)
    await tap(page, 'nav-work-orders')
    await waitForPage(page)
    await testId(page, 'work-order').waitFor()
    expect(await testId(page, 'work-order').textContent()).toContain('待核实')
    await screenshot(page, 'staff-work-orders', { fullPage: true })

    await tap(page, 'work-order')
    await waitForPage(page)
    await testId(page, 'wo-verify').waitFor()
    expect(await testId(page, 'wo-verify-deadline').textContent()).toMatch(/^\d{2}-\d{2} \d{2}:\d{2}$/)
    await tap(page, 'wo-verify')
    await testId(page, 'wo-status').filter({ hasText: '整改中' }).waitFor()
    await fill(page, 'wo-reply-text', '已对窗口人员进行批评教育，并张贴一次性告知单')
    await tap(page, 'wo-reply')
    await testId(page, 'wo-status').filter({ hasText: '已整改答复' }).waitFor()
    await screenshot(page, 'staff-work-order-replied', { fullPage: true })

    const stored = (await WorkOrder.findById(order._id).lean())! as unknown as { status: string; reply?: { text: string } }
    expect(stored.status).toBe('replied')
    expect(stored.reply?.text).toBe('已对窗口人员进行批评教育，并张贴一次性告知单')
  })

  it('when a citizen account opens a staff page, then it is sent to the staff login with a message', async () => {
    const { page } = desk.phone
    await open(page, desk.server.url, 'staff/login/index')
    await storeSession(page, { accessToken: desk.world.actors.citizen.token, refreshToken: desk.world.actors.citizen.refreshToken })
    await open(page, desk.server.url, 'staff/desk/index')
    await testId(page, 'login-notice').waitFor()
    expect(await testId(page, 'login-notice').textContent()).toContain('当前账号不是工作人员账号')
    expect(await page.locator('[data-testid="staff-desk"]').count()).toBe(0)
    await screenshot(page, 'staff-login-refused', { fullPage: true })
  })

  it('when staff sign in from 我的, then they land on the desk and 我的 then offers 进入工作台', async () => {
    const { page } = desk.phone
    await open(page, desk.server.url, 'pages/mine/index')
    expect(await testId(page, 'staff-login-entry').textContent()).toContain('工作人员登录')
    await tap(page, 'staff-login-entry')
    await waitForRoute(page, 'staff/login/index')
    await fill(page, 'login-username', desk.world.actors.staffHere.username)
    await fill(page, 'login-password', desk.world.actors.staffHere.password)
    await tap(page, 'login-submit')
    await testId(page, 'staff-desk').waitFor()

    await open(page, desk.server.url, 'pages/mine/index')
    await waitForRoute(page, 'pages/mine/index')
    await testId(page, 'workbench-entry').waitFor()
    expect(await testId(page, 'workbench-entry').textContent()).toContain('进入工作台')
    expect(await currentPage(page).locator('[data-testid="staff-login-entry"]').count()).toBe(0)
    await screenshot(page, 'mine-staff-workbench', { fullPage: true })
    await tap(page, 'workbench-entry')
    await waitForRoute(page, 'staff/desk/index')
    await testId(page, 'staff-desk').waitFor()
  })
})

import { setNow } from '../../server/src/lib/clock'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { WorkOrder } from '../../server/src/modules/work-orders/work-order.model'
import { api } from '../helpers/app'
import { useTestDb } from '../helpers/db'
import { at, deskWorld, makeBooking, newBookingCode, type DeskWorld } from '../helpers/desk-fixtures'
import { servedBooking } from '../helpers/rating-fixtures'
import {
  ensureH5Build, launchPhone, openRoute, screenshot, startServer, storeSession, tap, testId, typeInto, waitForPage,
  type Phone, type TestServer,
} from '../helpers/browser-staff'

useTestDb()

let server: TestServer
let phone: Phone
let world: DeskWorld

beforeAll(async () => {
  ensureH5Build()
  world = await deskWorld()
  server = await startServer()
}, 6 * 60_000)

beforeEach(async () => {
  phone = await launchPhone()
})

afterEach(async () => {
  setNow(undefined)
  await phone.close()
})

afterAll(async () => {
  await server?.close()
})

async function staffLogin(page: Phone['page'], session: { username: string; password: string }) {
  await openRoute(page, server.url, 'staff/login/index')
  await typeInto(page, 'login-username', session.username)
  await typeInto(page, 'login-password', session.password)
  await tap(page, 'login-submit')
  await testId(page, 'staff-desk').waitFor()
}

describe('staff desk in the browser (H5 build, real server and database)', () => {
  it("when staff sign in, then they see the day's booking, check the person in by code, call the number and serve", async () => {
    const { page, context } = phone
    const code = newBookingCode()
    const booking = await makeBooking({ hall: world.hall, service: world.service, start: '10:00', code, name: '王晓明' })
    // business time: 10:05 on the test Saturday, for the server and the browser alike
    setNow(at('10:05'))
    await context.clock.setFixedTime(at('10:05'))

    await staffLogin(page, world.actors.staffHere)
    await testId(page, 'desk-booking').waitFor()
    expect(await testId(page, 'desk-booking').textContent()).toContain('王晓明 138****5678')
    expect(await testId(page, 'day-counts-booked').textContent()).toBe('1待签到')
    await screenshot(page, 'staff-desk')

    await tap(page, 'nav-checkin')
    await waitForPage(page)
    await typeInto(page, 'checkin-code', code.toLowerCase())
    await tap(page, 'checkin-submit')
    await testId(page, 'checkin-result').waitFor()
    expect(await testId(page, 'checkin-queue-number').textContent()).toBe('Y001')
    expect(await testId(page, 'checkin-person').textContent()).toBe('王晓明 138****5678')
    expect(await testId(page, 'checkin-service').textContent()).toBe(world.service.name)
    await screenshot(page, 'staff-checkin')

    await tap(page, 'nav-queue')
    await waitForPage(page)
    await testId(page, 'queue-waiting').waitFor()
    expect(await testId(page, 'queue-waiting').textContent()).toContain('Y001')
    await tap(page, 'queue-next')
    await testId(page, 'queue-current').filter({ hasText: 'Y001' }).waitFor()
    await screenshot(page, 'staff-queue-called')
    await tap(page, 'queue-serve')
    await testId(page, 'queue-message').filter({ hasText: '已办结' }).waitFor()

    const stored = (await Booking.findById(booking._id).lean())!
    expect(stored.status).toBe('served')
    expect(stored.queueNumber).toBe('Y001')
    expect(stored.history.map((h) => h.status)).toEqual(['booked', 'checked_in', 'served'])
  })

  it('when a 差评 arrives, then staff verify it and reply from the work-order screens until it is replied', async () => {
    const { page } = phone
    const rater = world.actors.citizen
    const served = await servedBooking({ userId: rater.id, hall: world.hall, service: world.service, servedAt: new Date(Date.now() - 3600_000) })
    const rated = await api()
      .post('/api/v1/ratings')
      .set(rater.auth)
      .send({ bookingId: served.id, level: 1, tags: ['态度不好'], comment: '窗口人员态度冷淡，材料没有一次说清' })
    expect(rated.status).toBe(201)
    const order = (await WorkOrder.findOne({ ratingId: rated.body.id }).lean())!

    await staffLogin(page, world.actors.staffHere)
    await tap(page, 'nav-work-orders')
    await waitForPage(page)
    await testId(page, 'work-order').waitFor()
    expect(await testId(page, 'work-order').textContent()).toContain('待核实')
    await screenshot(page, 'staff-work-orders')

    await tap(page, 'work-order')
    await waitForPage(page)
    await testId(page, 'wo-verify').waitFor()
    expect(await testId(page, 'wo-verify-deadline').textContent()).toMatch(/^\d{2}-\d{2} \d{2}:\d{2}$/)
    await tap(page, 'wo-verify')
    await testId(page, 'wo-status').filter({ hasText: '整改中' }).waitFor()
    await typeInto(page, 'wo-reply-text', '已对窗口人员进行批评教育，并张贴一次性告知单')
    await tap(page, 'wo-reply')
    await testId(page, 'wo-status').filter({ hasText: '已整改答复' }).waitFor()
    await screenshot(page, 'staff-work-order-replied')

    const stored = (await WorkOrder.findById(order._id).lean())! as unknown as { status: string; reply?: { text: string } }
    expect(stored.status).toBe('replied')
    expect(stored.reply?.text).toBe('已对窗口人员进行批评教育，并张贴一次性告知单')
  })

  it('when a citizen account opens a staff page, then it is sent to the staff login with a message', async () => {
    const { page } = phone
    await openRoute(page, server.url, 'staff/login/index')
    await storeSession(page, { accessToken: world.actors.citizen.token, refreshToken: world.actors.citizen.refreshToken })
    await openRoute(page, server.url, 'staff/desk/index')
    await testId(page, 'login-notice').waitFor()
    expect(await testId(page, 'login-notice').textContent()).toContain('当前账号不是工作人员账号')
    expect(await page.locator('[data-testid="staff-desk"]').count()).toBe(0)
    await screenshot(page, 'staff-login-refused')
  })
})

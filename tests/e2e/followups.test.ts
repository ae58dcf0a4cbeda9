/**
 * Citizen screens added with issue 12 (H5 build, real server and database): the point page (open on a Sunday by its
 * 双休日值班 session, phone and map links, bookable items), nearby's 营业中 filter, 周末办 for a Saturday, and the closed
 * loop after service (待评价 on 首页 and 我的, 消息 with the unread count).
 */
import type { Page } from 'playwright-core'
import { addDays, instantOf, localDate, weekday } from '@xz/shared'
import { setNow } from '../../server/src/lib/clock'
import { Notification } from '../../server/src/modules/notifications/notification.model'
import { api } from '../helpers/app'
import { account, citizen } from '../helpers/auth'
import { book, makeWorld, type World } from '../helpers/booking-fixtures'
import { currentPage, open, screenshot, storeSession, tap, testId, useBrowser, waitForRoute } from '../helpers/browser'
import { useTestDb } from '../helpers/db'
import { testDay } from '../helpers/desk-fixtures'
import { makeHall } from '../helpers/factories'

useTestDb()

let page: Page
let w: World
let closedHall: { _id: unknown; name: string }

/** The next Sunday strictly after today (local). */
function nextSunday(): string {
  let d = addDays(localDate(new Date()), 1)
  while (weekday(d) !== 0) d = addDays(d, 1)
  return d
}

const browser = useBrowser({
  setup: async () => {
    // a point with no regular hours and a weekend session (双休日值班 09:00–12:00), and a plain centre closed on Sundays
    w = await makeWorld({ capacity: 3 })
    closedHall = await makeHall({ name: '忻府区长征街街道便民服务中心', type: 'township', regionCode: '140902' })
  },
})
beforeEach(() => {
  page = browser.phone.page
})
afterEach(() => setNow(undefined))

describe('网点详情 and 附近 营业中', () => {
  it('when it is Sunday 09:24, then the point is open by its 双休日值班 session, with phone, map and bookable items', async () => {
    const at = instantOf(nextSunday(), '09:24')
    setNow(at)
    await browser.phone.context.clock.setFixedTime(at)

    // nearby, filtered to what is open now: the duty point yes, the closed centre no; a tap opens the point
    await open(page, browser.server.url, 'pages/nearby/index')
    await testId(page, 'hall-card').waitFor()
    await tap(page, 'filter-open-now')
    await currentPage(page).locator('[data-testid="hall-card"]', { hasText: w.hall.name }).waitFor()
    await currentPage(page).locator('[data-testid="hall-card"]', { hasText: closedHall.name }).waitFor({ state: 'detached' })
    expect(await currentPage(page).locator('[data-testid="hall-card"]', { hasText: w.hall.name }).textContent()).toContain('营业中')
    await screenshot(page, 'nearby-open-now', { fullPage: true })
    await currentPage(page).locator('[data-testid="hall-card"]', { hasText: w.hall.name }).click()
    await waitForRoute(page, 'pages/hall/index')

    await testId(page, 'hall-name').filter({ hasText: w.hall.name }).waitFor()
    expect(await testId(page, 'hall-open').textContent()).toBe('营业中 · 双休日值班 09:00–12:00')
    expect(await testId(page, 'hall-session').textContent()).toContain('09:00–12:00')
    expect(await testId(page, 'hall-today').textContent()).toContain('双休日')
    const { phone: number } = (await api().get(`/api/v1/halls/${String(w.hall._id)}`)).body
    expect(number).toMatch(/^0350-\d{7}$/)
    expect(await testId(page, 'hall-phone').getAttribute('href')).toBe(`tel:${number}`)
    const map = (await testId(page, 'hall-navigate').getAttribute('href'))!
    expect(map).toMatch(/^https:\/\/uri\.amap\.com\/marker\?position=112\.\d+,38\.\d+&name=/)
    expect(await currentPage(page).locator('[data-testid="hall-book"]').count()).toBe(w.services.length)
    await screenshot(page, 'hall-sunday-duty', { fullPage: true })

    await tap(page, 'hall-book')
    await waitForRoute(page, 'pages/book/index')
    expect(page.url()).toContain(`hallId=${String(w.hall._id)}`)
  })

  it('when the closed centre is opened on Sunday, then it says 已休息 and has no session today', async () => {
    const at = instantOf(nextSunday(), '09:24')
    setNow(at)
    await browser.phone.context.clock.setFixedTime(at)
    await open(page, browser.server.url, `pages/hall/index?id=${String(closedHall._id)}`)
    await testId(page, 'hall-open').waitFor()
    expect(await testId(page, 'hall-open').textContent()).toBe('已休息')
    expect(await testId(page, 'hall-today').textContent()).toContain('今天没有非工作时间场次')
  })
})

describe('周末办', () => {
  it('when a Saturday is picked, then its items and points with seats are listed, and an item leads to booking', async () => {
    const saturday = testDay()
    await book(await citizen(), w.slot(saturday, '09:00'), w.service._id)
    await open(page, browser.server.url, 'pages/weekend/index')
    await currentPage(page).locator(`[data-testid="weekend-date"][data-date="${saturday}"]`).click()
    await testId(page, 'weekend-summary').filter({ hasText: `${Number(saturday.slice(5, 7))}月${Number(saturday.slice(8))}日` }).waitFor()
    const items = currentPage(page).locator('[data-testid="weekend-item"]')
    await items.first().waitFor()
    expect(await items.count()).toBe(w.services.length)
    // 6 slots × 3 seats, one taken
    expect(await items.filter({ hasText: w.service.name }).locator('[data-testid="weekend-item-seats"]').textContent()).toBe('余 17')
    await screenshot(page, 'weekend-saturday-items', { fullPage: true })
    await tap(page, 'weekend-tab-halls')
    await testId(page, 'weekend-hall').filter({ hasText: w.hall.name }).waitFor()
    expect(await testId(page, 'weekend-hall').textContent()).toContain('双休日值班 09:00–12:00 · 余 17/18')
    await screenshot(page, 'weekend-saturday-halls', { fullPage: true })
    await tap(page, 'weekend-tab-items')
    await items.filter({ hasText: w.service.name }).click()
    await waitForRoute(page, 'pages/book/index')
    expect(page.url()).toContain(`serviceId=${String(w.service._id)}`)
  })
})

describe('after service: 待评价 and 消息', () => {
  it('when a booking was served, then 首页 and 我的 show it as 待评价 and 消息 counts the unread notice until it is read', async () => {
    const me = await citizen()
    const staff = await account({ role: 'staff', hallIds: [w.hall._id] })
    const saturday = testDay()
    const made = await book(me, w.slot(saturday, '11:30'), w.service._id)
    expect(made.status).toBe(201)
    setNow(instantOf(saturday, '11:25'))
    expect((await api().post('/api/v1/staff/checkins').set(staff.auth).send({ code: made.body.code })).status).toBe(200)
    setNow(instantOf(saturday, '11:40'))
    expect((await api().post(`/api/v1/staff/bookings/${made.body.id}/serve`).set(staff.auth)).status).toBe(200)
    setNow(undefined)

    await open(page, browser.server.url, 'pages/index/index')
    await storeSession(page, { accessToken: me.token, refreshToken: me.refreshToken })
    await open(page, browser.server.url, 'pages/mine/index')
    await testId(page, 'pending-rating').waitFor()
    expect(await testId(page, 'pending-ratings').textContent()).toContain(w.service.name)
    const unread = await Notification.countDocuments({ userId: me.id, readAt: null })
    expect(unread).toBeGreaterThanOrEqual(1)
    expect(await testId(page, 'mine-unread').textContent()).toBe(String(unread))
    await screenshot(page, 'mine-pending-and-unread', { fullPage: true })

    await tap(page, 'mine-messages')
    await waitForRoute(page, 'pages/messages/index')
    await testId(page, 'message').waitFor()
    expect(await testId(page, 'messages-unread').textContent()).toBe(`${unread} 条未读`)
    expect(await currentPage(page).locator('[data-testid="message"][data-read="0"]').count()).toBe(unread)
    await screenshot(page, 'messages-unread', { fullPage: true })
    await tap(page, 'messages-read-all')
    await testId(page, 'messages-unread').filter({ hasText: '没有未读消息' }).waitFor()
    expect(await Notification.countDocuments({ userId: me.id, readAt: null })).toBe(0)

    await open(page, browser.server.url, 'pages/index/index')
    await testId(page, 'pending-rating').waitFor()
    await screenshot(page, 'home-pending-rating', { fullPage: true })
    await tap(page, 'pending-rating-go')
    await waitForRoute(page, 'pages/rate/index')
    expect(page.url()).toContain(`bookingId=${made.body.id}`)
  })
})

/// <reference lib="dom" />
/**
 * Issue 12 (items 4, 5, 6, 8, 9): the citizen's booking flows in the H5 build at 375×812, against the real server and
 * database: the waitlist from the UI and its automatic promotion, the location granted by the browser sorting points
 * by distance (WGS-84 → GCJ-02), signing in from the booking form and coming back to it intact, every server refusal
 * shown at the field or section it concerns and in view, and 重新预约 prefilled.
 */
import { addDays, creditCodeCheckChar, localDate } from '@xz/shared'
import gcoord from 'gcoord'
import type { Locator, Page } from 'playwright-core'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { WaitlistEntry } from '../../server/src/modules/bookings/waitlist.model'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { book, makeWorld, type World } from '../helpers/booking-fixtures'
import { agreeIfAsked, byTestId, currentPage, fill, open, overflowingElements, nextFrame, screenshot, settle, storeSession, tap, useBrowser, waitForRoute } from '../helpers/browser'
import { useTestDb } from '../helpers/db'
import { makeHall, makeService } from '../helpers/factories'

useTestDb()

const CREDIT_CODE = `91140900MA0K1234X${creditCodeCheckChar('91140900MA0K1234X')}`
const BAD_CREDIT_CODE = `91140900MA0K1234X${CREDIT_CODE.endsWith('0') ? '1' : '0'}`
const ENTERPRISE = '忻州市云中示例科技有限公司'

let page: Page
let w: World
/** Two days ahead and three days ahead (the rule runs every day, so both have sessions well past the 2 h notice). */
let D: string
let D2: string

const browser = useBrowser({
  setup: async () => {
    w = await makeWorld({ capacity: 1, serviceCount: 5, dayTypes: ['weekend', 'holiday', 'workday'], start: '09:00', end: '12:00' })
    const today = localDate(new Date())
    D = addDays(today, 2)
    D2 = addDays(today, 3)
  },
})
beforeEach(() => {
  page = browser.phone.page
})

async function shoot(name: string) {
  await settle(page)
  await screenshot(page, `booking-flows-${name}`)
  expect(await overflowingElements(page)).toEqual([])
}

async function signIn(who: Session) {
  await open(page, browser.server.url, 'pages/index/index')
  await storeSession(page, { accessToken: who.token, refreshToken: who.refreshToken })
}

const bookUrl = (serviceIndex: number, extra = '') => `pages/book/index?serviceId=${String(w.services[serviceIndex]._id)}&hallId=${String(w.hall._id)}${extra}`
const slotEl = (slotId: string) => currentPage(page).locator(`[data-slot-id="${slotId}"]`)
const inputOf = (id: string) => byTestId(page, id).first().locator('input').first()

async function chooseSlot(date: string, start: string) {
  await byTestId(page, `day-${date}`).first().click()
  await slotEl(w.slot(date, start)).click()
}

/**
 * Where an element sits once the page has scrolled to it: it must be inside the viewport and above the fixed
 * 提交预约 bar (the bug was an error hidden under that bar or far down the page).
 */
async function expectInView(target: Locator) {
  await target.waitFor()
  const placement = (el: Element) => {
    const r = el.getBoundingClientRect()
    const bars = Array.from(document.querySelectorAll('.bottom-bar'))
      .map((b) => b.getBoundingClientRect())
      .filter((b) => b.height > 0 && b.top < window.innerHeight)
    const barTop = Math.min(window.innerHeight, ...bars.map((b) => b.top))
    return { top: r.top, bottom: r.bottom, barTop }
  }
  // the page scrolls to it (smoothly, once it has rendered): wait for it to arrive, at most 3 s, then for the scroll to end
  const arrived = (b: ReturnType<typeof placement>) => b.top >= 0 && b.bottom <= b.barTop
  for (const deadline = Date.now() + 3_000; !arrived(await target.evaluate(placement)) && Date.now() < deadline; ) await nextFrame(page)
  await settle(page)
  const box = await target.evaluate(placement)
  expect(box.top).toBeGreaterThanOrEqual(0)
  expect(box.bottom).toBeLessThanOrEqual(box.barTop)
}

async function submitAndConfirm(button = 'submit-booking') {
  await tap(page, button)
  await byTestId(page, 'confirm-summary').waitFor()
  await tap(page, 'dialog-confirm')
  await agreeIfAsked(page) // a dev-login account agrees on its first booking
}

describe('citizen booking flows (H5)', () => {
  it('when a citizen joins the waitlist of a full slot from the form, then they see their place, and after a cancellation the promoted booking is theirs', async () => {
    const holder = await citizen()
    const fullSlot = w.slot(D2, '09:00')
    expect((await book(holder, fullSlot, w.services[3]._id)).status).toBe(201)

    const waiter = await citizen()
    await signIn(waiter)
    await open(page, browser.server.url, bookUrl(3))
    await byTestId(page, `day-${D2}`).first().click()
    await slotEl(fullSlot).filter({ hasText: '已约满' }).click()
    await byTestId(page, 'waitlist-explain').waitFor()
    await fill(page, 'field-name', '候补张')
    await fill(page, 'field-phone', '13912345678')
    await shoot('01-waitlist-form')
    await submitAndConfirm('submit-waitlist')

    const joined = byTestId(page, 'waitlist-joined').first()
    await joined.waitFor()
    expect(await joined.innerText()).toContain('已加入候补，当前第1位')
    await expectInView(joined)
    await shoot('02-waitlist-joined')
    const entry = await WaitlistEntry.findOne({ slotId: fullSlot, userId: waiter.id }).lean()
    expect(entry).toMatchObject({ status: 'waiting', applicant: { name: '候补张', mobile: '13912345678' } })

    // the holder cancels: the seat goes to the waitlist at once
    const held = await Booking.findOne({ slotId: fullSlot, userId: holder.id }).lean()
    expect((await api().post(`/api/v1/bookings/${String(held!._id)}/cancel`).set(holder.auth).send({})).status).toBe(200)

    await tap(page, 'go-waitlist')
    await waitForRoute(page, 'pages/bookings/index')
    const promoted = byTestId(page, 'waitlist-entry').filter({ hasText: '已候补成功' }).first()
    await promoted.waitFor({ timeout: 15_000 })
    await byTestId(page, 'booking-from-waitlist').first().waitFor()
    await shoot('03-waitlist-promoted')
    await promoted.locator('[data-testid="waitlist-promoted-booking"]').click()
    await waitForRoute(page, 'pages/booking/index')
    expect(await byTestId(page, 'booking-status').first().innerText()).toBe('待签到')
    const code = await byTestId(page, 'booking-code').first().innerText()
    expect(await Booking.findOne({ code }).lean()).toMatchObject({ userId: expect.anything(), slotId: fullSlot, fromWaitlist: true, status: 'booked' })
    expect(String((await Booking.findOne({ code }).lean())!.userId)).toBe(waiter.id)
  }, 150_000)

  it('when the browser grants the location, then 附近 converts it to GCJ-02 and lists the points nearest first', async () => {
    // a place in 忻州 as a phone's GPS reports it (WGS-84), and the same place in the map datum (GCJ-02) of the points
    const wgs = { latitude: 38.4102, longitude: 112.7256 }
    const [gcjLng, gcjLat] = gcoord.transform([wgs.longitude, wgs.latitude], gcoord.WGS84, gcoord.GCJ02)
    const service = await makeService({ name: '定位测试事项' })
    const here = await makeHall({ name: '定位测试·就在这里', regionCode: '140902', location: { lat: gcjLat, lng: gcjLng }, serviceIds: [String(service._id)] })
    // where the point would seem to be without the conversion (a few hundred metres off)
    const unconverted = await makeHall({ name: '定位测试·未换算位置', regionCode: '140902', location: { lat: wgs.latitude, lng: wgs.longitude }, serviceIds: [String(service._id)] })
    await makeHall({ name: '定位测试·远处', regionCode: '140902', location: { lat: gcjLat + 0.05, lng: gcjLng + 0.05 }, serviceIds: [String(service._id)] })

    await browser.phone.context.grantPermissions(['geolocation'], { origin: browser.server.url })
    await browser.phone.context.setGeolocation(wgs)
    await open(page, browser.server.url, 'pages/nearby/index')
    await byTestId(page, 'nearby-where').filter({ hasText: '已按距离由近到远排列' }).waitFor({ timeout: 15_000 })
    await byTestId(page, 'hall-card').first().waitFor()
    const names = await byTestId(page, 'hall-card').locator('.hall-card__name').allInnerTexts()
    // unconverted, the browser's position would be ~0.5 km from 就在这里 and right at 未换算位置
    expect(names[0]).toBe(here.name)
    expect(names).toContain(unconverted.name)
    const metres = (await byTestId(page, 'hall-card').locator('.hall-card__distance').allInnerTexts()).map((t) =>
      t.endsWith('公里') ? Number(t.replace('公里', '')) * 1000 : Number(t.replace('米', ''))
    )
    expect(metres[0]).toBeLessThan(20)
    expect(metres).toEqual([...metres].sort((a, b) => a - b))
    await shoot('04-nearby-located')

    // 导航 on H5 opens a map link in a new tab (no request from the app); the map site is stubbed (no outside network)
    await browser.phone.context.route('https://uri.amap.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>map</title>' }))
    const [popup] = await Promise.all([browser.phone.context.waitForEvent('page'), byTestId(page, 'hall-navigate').first().click()])
    await popup.waitForLoadState()
    expect(popup.url()).toContain('uri.amap.com/marker')
    expect(popup.url()).toContain(`position=${gcjLng},${gcjLat}`)
    await popup.close()
  }, 120_000)

  it('when a signed-out citizen fills in the form and signs in, then they come back to the same slot with the form intact (and a Chinese login name gets the server’s own reason)', async () => {
    const slotId = w.slot(D2, '10:00')
    await open(page, browser.server.url, bookUrl(4))
    await byTestId(page, 'login-required').waitFor()
    await chooseSlot(D2, '10:00')
    await fill(page, 'field-name', '回来王')
    await fill(page, 'field-phone', '13712345678')
    await tap(page, 'toggle-enterprise')
    await fill(page, 'field-enterprise-name', ENTERPRISE)
    await fill(page, 'field-credit-code', CREDIT_CODE)
    await shoot('05-login-needed')
    await tap(page, 'book-login')
    await waitForRoute(page, 'pages/mine/index')

    await fill(page, 'dev-login-code', '张三')
    await tap(page, 'dev-login-submit')
    await page.getByText('开发登录码只能包含字母、数字、_ 和 -').first().waitFor()
    await shoot('06-login-chinese-name')
    await page.locator('.taro__toast').first().waitFor({ state: 'hidden', timeout: 5_000 }) // the toast has gone
    await fill(page, 'dev-login-code', `back-${Date.now()}`)
    await tap(page, 'dev-login-submit')

    await waitForRoute(page, 'pages/book/index')
    await slotEl(slotId).and(currentPage(page).locator('.slot--active')).waitFor()
    expect(await inputOf('field-name').inputValue()).toBe('回来王')
    expect(await inputOf('field-phone').inputValue()).toBe('13712345678')
    expect(await inputOf('field-enterprise-name').inputValue()).toBe(ENTERPRISE)
    expect(await inputOf('field-credit-code').inputValue()).toBe(CREDIT_CODE)
    expect(await byTestId(page, 'login-required').count()).toBe(0)
    await shoot('07-back-after-login')
    await submitAndConfirm()
    await waitForRoute(page, 'pages/booking/index')
    const code = await byTestId(page, 'booking-code').first().innerText()
    expect(await Booking.findOne({ code }).lean()).toMatchObject({ slotId, applicant: { name: '回来王' }, enterprise: { name: ENTERPRISE, creditCode: CREDIT_CODE } })
  }, 150_000)

  it('when the server refuses the booking, then each reason shows at its field or section, in view: credit code, SLOT_FULL (deselected, refreshed), ALREADY_BOOKED, BOOKING_LIMIT (also before the form)', async () => {
    const me = await citizen()
    await signIn(me)
    await open(page, browser.server.url, bookUrl(0))
    await chooseSlot(D, '09:00')
    await fill(page, 'field-name', '错误李')
    await fill(page, 'field-phone', '13612345678')
    await tap(page, 'toggle-enterprise')
    await fill(page, 'field-enterprise-name', ENTERPRISE)
    await fill(page, 'field-credit-code', CREDIT_CODE)

    // 1. the server's field issue (a request altered on the way: the server is the judge) lands at the credit-code field
    await page.route('**/api/v1/bookings', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { enterprise?: { creditCode?: string } }
      if (body.enterprise) body.enterprise.creditCode = BAD_CREDIT_CODE
      await route.continue({ postData: JSON.stringify(body) })
    })
    await page.evaluate(() => window.scrollTo(0, 0))
    await submitAndConfirm()
    const codeError = byTestId(page, 'field-credit-code-error').first()
    await codeError.waitFor()
    expect(await codeError.innerText()).toBe('统一社会信用代码不正确')
    await expectInView(codeError)
    await shoot('08-error-credit-code-server')
    await page.unroute('**/api/v1/bookings')

    // 2. the form's own check scrolls to the field too (it used to sit under the 提交预约 bar)
    await fill(page, 'field-credit-code', BAD_CREDIT_CODE)
    await page.evaluate(() => window.scrollTo(0, 0))
    await tap(page, 'submit-booking')
    await expectInView(byTestId(page, 'field-credit-code-error').first())
    expect(await byTestId(page, 'confirm-summary').count()).toBe(0)
    await fill(page, 'field-credit-code', CREDIT_CODE)

    // 3. SLOT_FULL: someone else takes the last seat meanwhile
    const other = await citizen()
    expect((await book(other, w.slot(D, '09:00'), w.services[0]._id)).status).toBe(201)
    await submitAndConfirm()
    const slotError = byTestId(page, 'book-error-slot').first()
    await slotError.waitFor()
    expect(await slotError.innerText()).toContain('该时段已约满')
    await expectInView(slotError)
    await slotEl(w.slot(D, '09:00')).filter({ hasText: '已约满' }).waitFor()
    expect(await currentPage(page).locator('.slot--active').count()).toBe(0)
    expect(await byTestId(page, 'booking-form').count()).toBe(0)
    await shoot('09-error-slot-full')

    // 4. ALREADY_BOOKED: the same item that day, booked meanwhile (e.g. in another tab)
    expect((await book(me, w.slot(D, '10:30'), w.services[0]._id)).status).toBe(201)
    await slotEl(w.slot(D, '10:00')).click()
    await submitAndConfirm()
    const dateError = byTestId(page, 'book-error-date').first()
    await dateError.waitFor()
    expect(await dateError.innerText()).toContain('已预约')
    await expectInView(dateError)
    await shoot('10-error-already-booked')

    // 5. BOOKING_LIMIT: three active bookings reached meanwhile → shown at the top, in view
    expect((await book(me, w.slot(D, '09:30'), w.services[1]._id)).status).toBe(201)
    expect((await book(me, w.slot(D, '11:30'), w.services[2]._id)).status).toBe(201)
    await byTestId(page, `day-${D2}`).first().click()
    await slotEl(w.slot(D2, '11:00')).click()
    await submitAndConfirm()
    // the server's refusal, then the notice it refreshes (the same reason is not shown twice)
    const limitNotice = byTestId(page, 'booking-blocked').first()
    await limitNotice.waitFor()
    expect(await limitNotice.innerText()).toContain('3 个有效预约')
    await expectInView(limitNotice)
    expect(await byTestId(page, 'book-error-top').count()).toBe(0)
    await shoot('11-error-limit')

    // … and known before the form on the next visit: no form to fill in vain
    await open(page, browser.server.url, bookUrl(1))
    const blocked = byTestId(page, 'booking-blocked').first()
    await blocked.waitFor()
    expect(await blocked.innerText()).toContain('有效预约')
    await expectInView(blocked)
    await byTestId(page, `day-${D2}`).first().click()
    await slotEl(w.slot(D2, '11:30')).click()
    await currentPage(page).locator('.book__blocked--alert').waitFor()
    await expectInView(blocked)
    expect(await byTestId(page, 'booking-form').count()).toBe(0)
    await shoot('12-limit-before-form')
  }, 180_000)

  it('when a cancelled booking is booked again, then the applicant and enterprise are prefilled and the enterprise can be saved to the profile', async () => {
    const me = await citizen()
    const first = await book(me, w.slot(D2, '09:30'), w.services[2]._id, {
      applicant: { name: '重约赵', phone: '13512345678' },
      enterprise: { name: ENTERPRISE, creditCode: CREDIT_CODE },
    })
    expect(first.status).toBe(201)
    expect((await api().post(`/api/v1/bookings/${first.body.id}/cancel`).set(me.auth).send({})).status).toBe(200)

    await signIn(me)
    await open(page, browser.server.url, `pages/booking/index?id=${first.body.id}`)
    await tap(page, 'book-again')
    await waitForRoute(page, 'pages/book/index')
    await chooseSlot(D2, '10:30')
    await byTestId(page, 'booking-form').first().waitFor()
    // the earlier booking arrives after the form is shown
    await inputOf('field-credit-code').waitFor()
    await page.waitForFunction(() => {
      const inputs = Array.from(document.querySelectorAll<HTMLInputElement>('[data-testid="field-name"] input'))
      return inputs.some((i) => i.value === '重约赵')
    })
    expect(await inputOf('field-name').inputValue()).toBe('重约赵')
    expect(await inputOf('field-phone').inputValue()).toBe('13512345678')
    expect(await inputOf('field-enterprise-name').inputValue()).toBe(ENTERPRISE)
    expect(await inputOf('field-credit-code').inputValue()).toBe(CREDIT_CODE)
    await tap(page, 'save-enterprise')
    await shoot('13-rebook-prefilled')
    await submitAndConfirm()
    await waitForRoute(page, 'pages/booking/index')
    await byTestId(page, 'booking-code').first().waitFor()
    const profile = await api().get('/api/v1/me').set(me.auth)
    expect(profile.body.enterprise).toEqual({ name: ENTERPRISE, creditCode: CREDIT_CODE })
  }, 150_000)

  it('when 长辈版 is on, then the new booking notices (waitlist, joined, limit) and the bundle booking list use large type and big tap targets', async () => {
    const holder = await citizen()
    const full = w.slot(D2, '11:30')
    expect((await book(holder, full, w.services[4]._id)).status).toBe(201)
    const me = await citizen()
    await signIn(me)
    await page.evaluate(() => localStorage.setItem('xz.elderMode', JSON.stringify({ data: '1' })))
    await open(page, browser.server.url, bookUrl(4))
    await currentPage(page).locator('.book.elder').waitFor()
    await byTestId(page, `day-${D2}`).first().click()
    await slotEl(full).click()
    await fill(page, 'field-name', '长辈刘')
    await fill(page, 'field-phone', '13812340000')
    await submitAndConfirm('submit-waitlist')
    await byTestId(page, 'waitlist-joined').first().waitFor()
    await shoot('14-elder-waitlist-joined')

    /** Smallest computed font size of the text inside, and the smallest height of its buttons. */
    const measure = (id: string) =>
      byTestId(page, id).first().evaluate((root) => {
        const sizes: number[] = []
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (n.textContent?.trim() && n.parentElement) sizes.push(parseFloat(getComputedStyle(n.parentElement).fontSize))
        }
        const buttons = Array.from(root.querySelectorAll('button, .nut-button')).map((b) => b.getBoundingClientRect().height)
        return { minFont: Math.min(...sizes), minButton: buttons.length ? Math.min(...buttons) : Infinity }
      })
    const joined = await measure('waitlist-joined')
    expect(joined.minFont).toBeGreaterThanOrEqual(16)
    expect(joined.minButton).toBeGreaterThanOrEqual(48)

    // the bundle page's booking list
    const bundleRes = await api()
      .post('/api/v1/admin/bundles')
      .set((await account({ role: 'admin', regionCode: '140900' })).auth)
      .send({ name: '长辈测试一件事', description: '测试', serviceIds: [String(w.services[0]._id), String(w.services[1]._id)], themes: ['企业开办'], steps: [{ name: '窗口受理', role: '综合窗口' }] })
    expect(bundleRes.status).toBe(201)
    await open(page, browser.server.url, `pages/bundle/index?id=${bundleRes.body.id}`)
    const item = byTestId(page, 'bundle-book-item').first()
    await item.scrollIntoViewIfNeeded()
    expect((await measure('bundle-book')).minFont).toBeGreaterThanOrEqual(16)
    expect((await item.boundingBox())!.height).toBeGreaterThanOrEqual(48)
    await shoot('15-elder-bundle-book')
    await item.click()
    await waitForRoute(page, 'pages/book/index')
    expect(await byTestId(page, 'book-bundle-note').first().innerText()).toContain('长辈测试一件事')
  }, 150_000)
})

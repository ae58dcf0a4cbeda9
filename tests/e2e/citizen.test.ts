/**
 * The citizen's journey in the H5 build, against the real server and database with the demo data:
 * log in → search 营业执照 → guide → book a weekend slot for an enterprise → code + QR → cancel → book again →
 * the window serves it (staff routes) → rate it 不满意 → the rectification work order appears in 我的评价.
 */
import { creditCodeCheckChar } from '@xz/shared'
import type { Page } from 'playwright-core'
import { setNow } from '../../server/src/lib/clock'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { seedIfEmpty } from '../../server/src/modules/seed/seed'
import { api } from '../helpers/app'
import { account } from '../helpers/auth'
import { agreeIfAsked, byTestId, currentPage, fill, open, overflowingElements, screenshot, settle, tap, useBrowser, waitForRoute } from '../helpers/browser'
import { useTestDb } from '../helpers/db'

useTestDb()

const CREDIT_CODE = `91140900MA0K1234X${creditCodeCheckChar('91140900MA0K1234X')}`
const ENTERPRISE = '忻州市云中示例科技有限公司'

let page: Page

const browser = useBrowser({
  phone: 'file',
  setup: async () => {
    await seedIfEmpty({ production: false, print: () => undefined })
  },
})
beforeAll(() => {
  page = browser.phone.page
})
afterAll(() => setNow(undefined))

/** Screenshot of the current screen, and no element may stick out of the 375 px phone width. */
async function shoot(name: string) {
  await settle(page)
  await screenshot(page, name)
  expect(await overflowingElements(page)).toEqual([])
}

const text = (id: string) => byTestId(page, id).first().innerText()

/** Picks a weekend day on the booking calendar, then its first free slot. */
async function chooseWeekendSlot() {
  const weekend = byTestId(page, 'calendar').locator('[data-day-type="weekend"]:not(.day--disabled)').first()
  await weekend.waitFor()
  await weekend.click()
  const free = byTestId(page, 'slot').filter({ hasNotText: '已约满' }).first()
  await free.click()
}

async function fillApplicant() {
  await fill(page, 'field-name', '张三')
  await fill(page, 'field-phone', '13812345678')
}

async function confirmBooking() {
  await tap(page, 'submit-booking')
  await byTestId(page, 'confirm-summary').waitFor()
  await tap(page, 'dialog-confirm')
  await agreeIfAsked(page) // a dev-login account agrees on its first booking
  await waitForRoute(page, 'pages/booking/index')
  await byTestId(page, 'booking-code').waitFor()
}

describe('citizen mini-program (H5)', () => {
  it('when a citizen logs in, books a weekend slot for an enterprise, cancels and rebooks, then the QR and code are shown', async () => {
    // 我的: the development login (GET /health says devLogin)
    await open(page, browser.server.url, 'pages/mine/index')
    await byTestId(page, 'dev-login').waitFor()
    await shoot('01-mine-login')
    await fill(page, 'dev-login-code', 'e2e-zhangsan')
    await tap(page, 'dev-login-submit')
    await byTestId(page, 'enterprise-binding').waitFor()
    expect(await text('login-state')).toBe('已登录用户')

    // 首页
    await open(page, browser.server.url, 'pages/index/index')
    await byTestId(page, 'bundle-card').first().waitFor()
    await currentPage(page).getByText('服务正常').waitFor()
    await shoot('02-home')

    // 搜索 营业执照: results as you type
    await tap(page, 'home-search')
    await waitForRoute(page, 'pages/search/index')
    await fill(page, 'search-input', '营业执照')
    // the debounced search replaces the initial list: its first result is about 营业执照
    await byTestId(page, 'service-card').first().filter({ hasText: '营业执照' }).waitFor()
    const card = byTestId(page, 'service-card').filter({ hasText: '营业执照' }).filter({ hasText: '周末/节假日可约' }).first()
    await card.waitFor()
    await shoot('03-search')

    // 办事指南
    await card.click()
    await waitForRoute(page, 'pages/service/index')
    const title = await text('service-title')
    expect(title).toContain('营业执照')
    await shoot('04-guide-basic')
    await currentPage(page).getByText('申请材料', { exact: true }).click()
    await byTestId(page, 'materials').waitFor()
    await shoot('05-guide-materials')
    await currentPage(page).getByText('办理流程', { exact: true }).click()
    await byTestId(page, 'step-flow').waitFor()
    await shoot('06-guide-flow')

    // 预约: a weekend slot, on behalf of an enterprise (live credit-code validation)
    await tap(page, 'book-button')
    await waitForRoute(page, 'pages/book/index')
    const calendar = byTestId(page, 'calendar')
    await calendar.locator('[data-day-type="weekend"]').first().waitFor()
    expect(await calendar.locator('[data-day-type="weekend"]').first().innerText()).toContain('双休日')
    await calendar.scrollIntoViewIfNeeded()
    await shoot('07-book-calendar')
    await chooseWeekendSlot()
    await fillApplicant()
    await tap(page, 'toggle-enterprise')
    await fill(page, 'field-enterprise-name', ENTERPRISE)
    await fill(page, 'field-credit-code', `${CREDIT_CODE.slice(0, 17)}0`.replace(/0$/, CREDIT_CODE.endsWith('0') ? '1' : '0'))
    expect(await text('field-credit-code-error')).toContain('校验不通过')
    await fill(page, 'field-credit-code', CREDIT_CODE)
    await byTestId(page, 'credit-code-ok').waitFor()
    await shoot('07-book-form-enterprise')
    await confirmBooking()

    const code = await text('booking-code')
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/)
    expect(await text('booking-success')).toContain('预约成功')
    const qrWidth = await byTestId(page, 'booking-qr').first().locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)
    expect(qrWidth).toBeGreaterThan(50)
    expect(await text('booking-address')).not.toBe('—')
    await byTestId(page, 'bring-materials').waitFor()
    await shoot('08-booking-success')
    const first = await Booking.findOne({ code }).lean()
    expect(first).toMatchObject({ status: 'booked', enterprise: { name: ENTERPRISE, creditCode: CREDIT_CODE } })

    // cancel (with confirmation) → 已取消
    await tap(page, 'cancel-booking')
    await tap(page, 'dialog-confirm')
    await byTestId(page, 'booking-status').filter({ hasText: '已取消' }).waitFor()
    expect((await Booking.findOne({ code }).lean())?.status).toBe('cancelled')

    // book again
    await tap(page, 'book-again')
    await waitForRoute(page, 'pages/book/index')
    await chooseWeekendSlot()
    await fillApplicant()
    await confirmBooking()
    const second = await text('booking-code')
    expect(second).not.toBe(code)
    expect((await Booking.findOne({ code: second }).lean())?.status).toBe('booked')

    // 我的预约 lists it
    await open(page, browser.server.url, 'pages/bookings/index')
    await byTestId(page, 'booking-card').filter({ hasText: second }).waitFor()
    await shoot('09-my-bookings')
  }, 180_000)

  it('when the window has served the booking, then the citizen rates it 不满意 and sees the work order in 我的评价', async () => {
    const booking = await Booking.findOne({ status: 'booked' }).sort({ createdAt: -1 }).lean()
    if (!booking) throw new Error('the first test left no booking')

    // the window: check in at the slot and serve (staff routes), with the server clock at the slot
    setNow(new Date(booking.startAt.getTime() - 10 * 60_000))
    const staff = await account({ role: 'staff', hallIds: [booking.hallId] })
    const checkin = await api().post('/api/v1/staff/checkins').set(staff.auth).send({ code: booking.code })
    expect(checkin.status).toBe(200)
    setNow(new Date(booking.startAt.getTime() + 5 * 60_000))
    const served = await api().post(`/api/v1/staff/bookings/${booking._id.toString()}/serve`).set(staff.auth)
    expect(served.status).toBe(200)

    // 我的预约 → 历史 → the served booking → 评价
    await open(page, browser.server.url, 'pages/bookings/index')
    await tap(page, 'bookings-tab-past')
    const card = byTestId(page, 'booking-card').filter({ hasText: booking.code })
    await card.filter({ hasText: '已办结' }).waitFor()
    await card.click()
    await waitForRoute(page, 'pages/booking/index')
    await tap(page, 'rate-booking')
    await waitForRoute(page, 'pages/rate/index')

    await tap(page, 'face-2')
    await byTestId(page, 'bad-reasons').waitFor()
    await tap(page, 'submit-rating')
    expect(await text('rate-message')).toBe('请选择不满意的原因')
    await byTestId(page, 'reason-tag').filter({ hasText: '等待时间长' }).click()
    await fill(page, 'rating-comment', '周六上午排队等了四十分钟才办理')
    await shoot('10-rate')
    await tap(page, 'submit-rating')

    await waitForRoute(page, 'pages/ratings/index')
    const mine = byTestId(page, 'my-rating').first()
    await mine.waitFor()
    expect(await mine.innerText()).toContain('不满意')
    expect(await byTestId(page, 'work-order-status').first().innerText()).toBe('待核实')
    await shoot('11-my-ratings')
  }, 120_000)

  it('when location is not granted, then 附近 offers the counties and lists their points with 24h marks', async () => {
    await open(page, browser.server.url, 'pages/nearby/index')
    await byTestId(page, 'county-picker').waitFor({ timeout: 15_000 })
    await byTestId(page, 'hall-card').first().waitFor()
    await shoot('12-nearby')
    await tap(page, 'type-selfservice')
    await byTestId(page, 'hall-card').filter({ hasText: '24小时' }).first().waitFor()
    await shoot('13-nearby-24h')
  }, 60_000)
})

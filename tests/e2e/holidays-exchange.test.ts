/// <reference lib="dom" />
/**
 * Issue 18 in the browser (H5 build, real server and database): the per-year holiday status with the November
 * notice and the import of a published schedule on the admin calendar; the 好差评 push screen's one-tap re-push.
 */
import fs from 'node:fs'
import { loadConfig, setConfig } from '../../server/src/config'
import { setNow } from '../../server/src/lib/clock'
import { HolidayYear } from '../../server/src/modules/calendar/calendar.model'
import { ExchangeQueue } from '../../server/src/modules/exchange/exchange.model'
import { pushDue } from '../../server/src/modules/exchange/exchange.service'
import { api } from '../helpers/app'
import { citizen } from '../helpers/auth'
import { useTestDb } from '../helpers/db'
import { startExchangeStub, type ExchangeStub } from '../helpers/exchange-stub'
import { servedBooking } from '../helpers/rating-fixtures'
import { currentPage, fill, open, overflowingElements, screenshot, staffSignIn, tap, testId, useDeskBrowser, type Phone } from '../helpers/browser'

useTestDb()
const desk = useDeskBrowser()
let stub: ExchangeStub

beforeAll(async () => {
  stub = await startExchangeStub()
})
afterEach(() => {
  setNow(undefined)
  setConfig(loadConfig())
})
afterAll(async () => {
  await stub.close()
})

async function readDownload(download: { path(): Promise<string | null> }): Promise<string> {
  const file = await download.path()
  if (!file) throw new Error('the download was not saved')
  return fs.readFileSync(file, 'utf8')
}

const adminLogin = (page: Phone['page']) => staffSignIn(page, desk.server.url, desk.world.actors.adminCity, 'admin-home')

const NOTICE = ['假期,元旦,2027-01-01,2027-01-03', '假期,春节,2027-02-05,2027-02-11', '上班,春节,2027-02-13', '假期,国庆节,2027-10-01,2027-10-07'].join('\n')

describe('holiday schedules and the 好差评 push screen in the browser', () => {
  it('when it is December and 2027 is provisional, then the admin calendar says so, and importing the notice makes 2027 official', async () => {
    setNow(new Date('2026-12-02T10:00:00+08:00'))
    const { page } = desk.phone
    await adminLogin(page)
    await open(page, desk.server.url, 'admin/calendar/index')
    await testId(page, 'holiday-notice').waitFor()
    expect(await testId(page, 'holiday-notice').textContent()).toContain('2027 年放假安排尚未录入')
    expect(await testId(page, 'holiday-year-2027').textContent()).toContain('暂定')
    expect(await testId(page, 'holiday-year-2026').textContent()).toContain('正式')
    expect(await testId(page, 'holiday-year-days').textContent()).toContain('春节 02-05至02-08')
    expect(await overflowingElements(page)).toEqual([])
    await screenshot(page, 'admin-holidays-provisional', { fullPage: true })

    // a wrong line is refused, naming the line
    await fill(page, 'holiday-text', '假期,元旦,2027-01-01\n假期,春节,2027-02-30,2027-03-01')
    await tap(page, 'holiday-save')
    await testId(page, 'holiday-issue').first().waitFor()
    expect(await testId(page, 'holiday-issue').first().textContent()).toContain('第 2 行')
    expect(await HolidayYear.countDocuments()).toBe(0)
    await screenshot(page, 'admin-holidays-import-error', { fullPage: true })

    await fill(page, 'holiday-text', NOTICE)
    await testId(page, 'holiday-preview').waitFor()
    expect(await testId(page, 'holiday-preview').textContent()).toContain('已识别 3 段假期、1 个调休上班日')
    await tap(page, 'holiday-save')
    await testId(page, 'holiday-message').waitFor()
    await currentPage(page).locator('[data-testid="holiday-year-2027"]').filter({ hasText: '正式' }).waitFor()
    expect(await testId(page, 'holiday-notice').count()).toBe(0)
    expect(await HolidayYear.findById('2027').lean()).toMatchObject({ workdays: [{ date: '2027-02-13', name: '春节' }] })
    const day = await api().get('/api/v1/calendar').query({ from: '2027-02-13', to: '2027-02-13' })
    expect(day.body[0]).toMatchObject({ type: 'makeup_workday', official: true })
    expect(await overflowingElements(page)).toEqual([])
    await screenshot(page, 'admin-holidays-official', { fullPage: true })
  })

  it('when a record was refused by the provincial platform, then the push screen lists it and one tap re-pushes it', async () => {
    setConfig(loadConfig({ ...process.env, EXCHANGE_ENDPOINT: stub.url, EXCHANGE_TIMEOUT_MS: '1000', EXCHANGE_LEASE_MS: '3000' }))
    const rater = await citizen()
    const b = await servedBooking({ userId: rater.id, hall: desk.world.hall, service: desk.world.service, servedAt: new Date(Date.now() - 3600_000) })
    const rated = await api().post('/api/v1/ratings').set(rater.auth).send({ bookingId: b.id, level: 4 })
    expect(rated.status).toBe(201)
    stub.behave = () => 'reject'
    await pushDue()
    expect(await ExchangeQueue.findById(`rating-${rated.body.id}`).lean()).toMatchObject({ status: 'dead' })

    const { page } = desk.phone
    await adminLogin(page)
    await tap(page, 'admin-entry-exchange')
    await testId(page, 'exchange-dead-item').waitFor()
    expect(await testId(page, 'exchange-status').textContent()).toContain('已连接省好差评系统')
    expect(await testId(page, 'exchange-dead-item').textContent()).toContain(b.code)
    expect(await overflowingElements(page)).toEqual([])
    await screenshot(page, 'admin-exchange-dead', { fullPage: true })

    stub.behave = () => 'ok'
    await tap(page, 'exchange-repush')
    await testId(page, 'exchange-message').waitFor()
    expect(await testId(page, 'exchange-message').textContent()).toContain('已重新加入推送队列')
    await pushDue()
    expect(await ExchangeQueue.countDocuments()).toBe(0)
    expect(stub.accepted.map((a) => a.id)).toEqual([`rating-${rated.body.id}`])
  })

  it('when the administrator exports a period as JSON lines and as CSV (provincial fields), then the downloaded files hold the period’s records', async () => {
    const rater = await citizen()
    const b = await servedBooking({ userId: rater.id, hall: desk.world.hall, service: desk.world.service, servedAt: new Date(Date.now() - 3600_000) })
    const rated = await api().post('/api/v1/ratings').set(rater.auth).send({ bookingId: b.id, level: 5 })
    expect(rated.status).toBe(201)

    const { page } = desk.phone
    await adminLogin(page)
    await tap(page, 'admin-entry-exchange')
    await testId(page, 'exchange-export').waitFor()
    const [jsonl] = await Promise.all([page.waitForEvent('download'), tap(page, 'export-jsonl')])
    expect(jsonl.suggestedFilename()).toMatch(/^好差评-国家-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.jsonl$/)
    const lines = (await readDownload(jsonl)).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.find((l) => l.recordId === `rating-${rated.body.id}`)).toMatchObject({ 办件编号: b.code, 满意度: '非常满意' })
    await testId(page, 'exchange-message').waitFor()
    expect(await testId(page, 'exchange-message').textContent()).toContain('已导出')

    await tap(page, 'export-scheme-provincial')
    const [csv] = await Promise.all([page.waitForEvent('download'), tap(page, 'export-csv')])
    expect(csv.suggestedFilename()).toMatch(/\.csv$/)
    const text = await readDownload(csv)
    expect(text.split('\n')[0]).toContain('userName')
    expect(text).toContain(`rating-${rated.body.id}`)
    expect(await overflowingElements(page)).toEqual([])
    await screenshot(page, 'admin-exchange-export', { fullPage: true })
  })
})

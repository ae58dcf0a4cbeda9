/// <reference lib="dom" />
import { useTestDb } from '../helpers/db'
import { currentPage, open, screenshot, tap, testId, useBrowser, type Phone } from '../helpers/browser'

useTestDb()

const browser = useBrowser({ phone: 'file' })

interface TypeMetrics {
  fontSize: number
  lineHeight: number
}

async function metrics(page: Phone['page'], selector: string): Promise<TypeMetrics> {
  return currentPage(page).locator(selector).first().evaluate((el) => {
    const style = getComputedStyle(el)
    return { fontSize: parseFloat(style.fontSize), lineHeight: parseFloat(style.lineHeight) }
  })
}

describe('长辈版 in the browser', () => {
  it('when 长辈版 is switched on, then the home page uses large type and four big actions, other pages grow too, and it survives a reload', async () => {
    const { page } = browser.phone
    await open(page, browser.server.url, 'pages/index/index')
    await testId(page, 'elder-switch').waitFor()
    const regular = await metrics(page, '.home')
    expect(await currentPage(page).locator('[data-testid="elder-home"]').count()).toBe(0)

    await open(page, browser.server.url, 'pages/search/index')
    await testId(page, 'filter-audience-all').waitFor()
    const regularChip = await metrics(page, '[data-testid="filter-audience-all"]')
    await open(page, browser.server.url, 'pages/index/index')
    await testId(page, 'elder-switch').waitFor()

    await tap(page, 'elder-switch')
    await testId(page, 'elder-home').waitFor()
    const root = await metrics(page, '.elder')
    const action = await metrics(page, '.elder-home__label')
    expect(root.fontSize).toBeGreaterThanOrEqual(20)
    expect(root.lineHeight / root.fontSize).toBeGreaterThanOrEqual(1.5)
    expect(root.fontSize).toBeGreaterThan(regular.fontSize)
    expect(action.fontSize).toBeGreaterThanOrEqual(20)
    expect(await currentPage(page).locator('[data-testid^="elder-action-"]').allTextContents()).toEqual(['搜索办事', '预约办理', '我的预约', '附近网点'])
    const tapTarget = await testId(page, 'elder-action-search').evaluate((el) => el.getBoundingClientRect().height)
    expect(tapTarget).toBeGreaterThanOrEqual(88)

    await page.reload()
    await testId(page, 'elder-home').waitFor()
    const reloaded = await metrics(page, '.elder')
    expect(reloaded).toEqual(root)
    expect(await testId(page, 'elder-switch').getAttribute('aria-checked')).toBe('true')
    await screenshot(page, 'elder-home')

    // the same switch in 我的 shows the stored choice
    await open(page, browser.server.url, 'pages/mine/index')
    expect(await testId(page, 'elder-switch').getAttribute('aria-checked')).toBe('true')
    await screenshot(page, 'elder-mine')

    // every page follows: the search page's filters and empty-state text grow too
    await open(page, browser.server.url, 'pages/search/index')
    await testId(page, 'filter-audience-all').waitFor()
    const elderChip = await metrics(page, '[data-testid="filter-audience-all"]')
    expect(await currentPage(page).locator('.search.elder').count()).toBe(1)
    expect(elderChip.fontSize).toBeGreaterThanOrEqual(18)
    expect(elderChip.fontSize).toBeGreaterThanOrEqual(regularChip.fontSize * 1.4)
    await screenshot(page, 'elder-search')

    await open(page, browser.server.url, 'pages/index/index')
    await tap(page, 'elder-switch')
    await page.reload()
    await testId(page, 'elder-switch').waitFor()
    expect(await currentPage(page).locator('[data-testid="elder-home"]').count()).toBe(0)
  })
})

/// <reference lib="dom" />
/**
 * 送政策上门 in the H5 build, real server and database: an enterprise fills its profile and sees 为你推荐 change, opens a
 * policy, reads why it does not qualify yet, adds the missing qualification, qualifies and applies; the administrator
 * (for the issuing department) accepts, reviews and marks it 兑现; the enterprise sees it. Both display modes are checked
 * for sideways overflow and, in 长辈版, for type size.
 */
import type { Page } from 'playwright-core'
import { Department } from '../../server/src/modules/catalogue/catalogue.model'
import { makeCityRegions } from '../helpers/factories'
import { PolicyApplication } from '../../server/src/modules/policies/policy.model'
import { api } from '../helpers/app'
import { account, citizen, type Session } from '../helpers/auth'
import { byTestId, currentPage, fill, open, overflowingElements, screenshot, settle, storeSession, tap, testId, useBrowser, waitForRoute } from '../helpers/browser'
import { useTestDb } from '../helpers/db'
import { creditCode, policyBody } from '../helpers/policy-fixtures'

useTestDb()

let page: Page
let admin: Session & { username: string; password: string }
let hiTech: string
let smallFirms: string
const consoleErrors: string[] = []

const browser = useBrowser({
  phone: 'file',
  setup: async () => {
    await makeCityRegions()
    admin = await account({ role: 'admin', regionCode: '140900', name: '市科技局经办人' })
    const dept = String((await Department.create({ name: '忻州市科学技术局', regionCode: '140900' }))._id)
    const publish = async (body: ReturnType<typeof policyBody>) => {
      const created = await api().post('/api/v1/admin/policies').set(admin.auth).send(body)
      expect(created.status).toBe(201)
      expect((await api().post(`/api/v1/admin/policies/${created.body.id}/publish`).set(admin.auth)).status).toBe(200)
      return created.body.id as string
    }
    hiTech = await publish(
      policyBody(dept, {
        title: '高新技术企业研发费用补助',
        topics: ['科技创新'],
        benefit: { kind: '补贴', description: '按研发投入的10%补助，最高50万元' },
        conditions: {
          allOf: [
            { field: 'registeredRegion', op: 'startsWith', value: '1409' },
            { field: 'qualifications', op: 'contains', value: '高新技术企业' },
            { field: 'employees', op: 'lte', value: 300 },
          ],
        },
      }),
    )
    smallFirms = await publish(
      policyBody(dept, { title: '小微企业稳岗补贴', conditions: { allOf: [{ field: 'scale', op: 'in', value: ['小', '微'] }] } }),
    )
  },
})
beforeAll(() => {
  page = browser.phone.page
  page.on('console', (m) => {
    // (the CSP refusal of Taro's inline root-font script is the known H5 defect helper 12a fixes)
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource') && !m.text().includes('Content Security Policy')) consoleErrors.push(m.text())
  })
})

/** Screenshot, and nothing may stick out of the 375 px width. */
async function shoot(name: string) {
  await settle(page)
  await screenshot(page, name, { fullPage: true })
  expect(await overflowingElements(page)).toEqual([])
}

const recommendedTitles = async () => (await byTestId(page, 'recommended-item').locator('.pol__title').allInnerTexts()).sort()

describe('送政策上门 in the browser', () => {
  it('when an enterprise completes its profile, then it qualifies for a policy, applies, and sees the department mark it 兑现', async () => {
    const owner = await citizen()
    await page.goto(browser.server.url)
    await storeSession(page, { accessToken: owner.token, refreshToken: owner.refreshToken })

    // before a profile: 为你推荐 asks for one
    await open(page, browser.server.url, 'enterprise/policies/index')
    await testId(page, 'profile-entry').waitFor()
    await byTestId(page, 'policy-item').first().waitFor()
    await shoot('policies-no-profile')

    // fill the profile: region, industry from the searchable picker, scale, employees
    await tap(page, 'profile-entry')
    await testId(page, 'profile-page').waitFor()
    const code = creditCode()
    await fill(page, 'ent-name', '忻州云智软件有限公司')
    await fill(page, 'ent-code', code)
    await byTestId(page, 'region-chip').filter({ hasText: '忻府区' }).click()
    await fill(page, 'industry-search', '软件')
    await byTestId(page, 'industry-option').filter({ hasText: 'I65' }).click()
    expect(await testId(page, 'industry-selected').innerText()).toContain('I65 软件和信息技术服务业')
    await byTestId(page, 'scale-chip').filter({ hasText: '小' }).click()
    await fill(page, 'ent-employees', '40')
    await shoot('enterprise-profile')
    await tap(page, 'profile-save')
    await testId(page, 'profile-message').waitFor()

    // 为你推荐 now lists the small-firm policy, not yet the 高新 one
    await open(page, browser.server.url, 'enterprise/policies/index')
    await testId(page, 'recommend-count').waitFor()
    await byTestId(page, 'recommended-item').first().waitFor()
    expect(await recommendedTitles()).toEqual(['小微企业稳岗补贴'])
    await shoot('policies-recommended')

    // the 高新 policy says why not yet, line by line
    await byTestId(page, 'policy-item').filter({ hasText: '高新技术企业研发费用补助' }).first().click()
    await testId(page, 'explanation').waitFor()
    await testId(page, 'match-status').waitFor()
    expect(await testId(page, 'match-status').innerText()).toBe('暂不符合')
    expect(await byTestId(page, 'line-fail').allInnerTexts()).toEqual([expect.stringMatching(/^还差\s*资质包含「高新技术企业」（您的企业：无）$/)])
    expect((await byTestId(page, 'line-pass').allInnerTexts()).join('\n')).toContain('从业人数不超过 300人（您的企业：40人）')
    expect(await byTestId(page, 'apply').count()).toBe(0)
    await shoot('policy-not-yet')

    // add the missing qualification
    await tap(page, 'fix-profile')
    await testId(page, 'profile-page').waitFor()
    await byTestId(page, 'qual-chip').filter({ hasText: '高新技术企业' }).click()
    await tap(page, 'profile-save')
    await testId(page, 'profile-message').waitFor()

    // now it qualifies, appears in 为你推荐, and the enterprise applies
    await open(page, browser.server.url, 'enterprise/policies/index')
    await byTestId(page, 'recommended-item').filter({ hasText: '高新技术企业研发费用补助' }).waitFor()
    expect(await recommendedTitles()).toEqual(['小微企业稳岗补贴', '高新技术企业研发费用补助'].sort())
    await open(page, browser.server.url, `enterprise/policy/index?id=${hiTech}`)
    await testId(page, 'match-status').waitFor()
    expect(await testId(page, 'match-status').innerText()).toBe('符合条件')
    expect(await byTestId(page, 'line-fail').count()).toBe(0)
    await tap(page, 'apply')
    await testId(page, 'application-status').waitFor()
    expect(await testId(page, 'application-status').innerText()).toContain('已申报')
    await shoot('policy-applied')
    expect(await PolicyApplication.countDocuments({ _id: `${hiTech}:${code}` })).toBe(1)

    // the department (through its administrator) accepts, reviews and marks it 兑现
    await storeSession(page, { accessToken: admin.token, refreshToken: admin.refreshToken })
    await open(page, browser.server.url, 'admin/policy-applications/index')
    const card = () => byTestId(page, 'admin-application').filter({ hasText: '忻州云智软件有限公司' })
    await card().waitFor()
    await card().locator('[data-testid="app-accept"]').click()
    await card().locator('[data-testid="app-review"]').waitFor()
    await card().locator('[data-testid="app-review"]').click()
    await card().locator('[data-testid="app-amount"] input').waitFor()
    await card().locator('[data-testid="app-amount"] input').fill('50000')
    await card().locator('[data-testid="app-grant"]').click()
    await card().filter({ hasText: '已兑现' }).waitFor()
    expect(await card().locator('[data-testid="admin-application-status"]').innerText()).toContain('50000.00 元')
    await shoot('admin-policy-applications')

    // the enterprise sees it
    await storeSession(page, { accessToken: owner.token, refreshToken: owner.refreshToken })
    await open(page, browser.server.url, 'enterprise/applications/index')
    const item = byTestId(page, 'application-item').filter({ hasText: '高新技术企业研发费用补助' })
    await item.waitFor()
    expect(await item.locator('[data-testid="application-item-status"]').innerText()).toBe('已兑现')
    expect(await item.innerText()).toContain('50000.00 元')
    await shoot('enterprise-applications')
    expect(consoleErrors).toEqual([])
    expect(smallFirms).toBeTruthy()
  })

  it('when 长辈版 is on, then the policy screens use large type and still fit the phone width', async () => {
    // an enterprise with a profile and one application (through the API)
    const owner = await citizen()
    const code = creditCode()
    await api().put('/api/v1/me/enterprise').set(owner.auth).send({ name: '忻州长辈版测试企业', creditCode: code, scale: '微', qualifications: [] })
    expect((await api().post(`/api/v1/policies/${smallFirms}/applications`).set(owner.auth).send({})).status).toBe(201)
    await page.goto(browser.server.url)
    await storeSession(page, { accessToken: owner.token, refreshToken: owner.refreshToken })
    await page.evaluate(() => localStorage.setItem('xz.elderMode', JSON.stringify({ data: '1' })))
    for (const [route, ready] of [
      ['enterprise/policies/index', 'recommended-item'],
      ['enterprise/policies/index', 'policy-item'],
      [`enterprise/policy/index?id=${hiTech}`, 'explanation'],
      ['enterprise/profile/index', 'profile-save'],
      ['enterprise/applications/index', 'application-item'],
    ] as const) {
      await open(page, browser.server.url, route)
      await byTestId(page, ready).first().waitFor()
      expect(await currentPage(page).locator('.elder').count()).toBeGreaterThan(0)
      const smallest = await currentPage(page).evaluate((root) => {
        const small: string[] = []
        for (const el of Array.from(root.querySelectorAll('*'))) {
          const hasText = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim() !== '')
          const r = el.getBoundingClientRect()
          const size = parseFloat(getComputedStyle(el).fontSize)
          if (hasText && r.width > 0 && r.height > 0 && size < 16) small.push(`${el.className} ${size}px「${el.textContent!.trim().slice(0, 12)}」`)
        }
        return small
      })
      expect({ route, smallText: smallest }).toEqual({ route, smallText: [] })
      await shoot(`elder-${route.split('/')[1]}`)
    }
    expect(consoleErrors).toEqual([])
  })

  it('when an administrator drafts a policy, then each condition shows live how many enterprises it keeps, and the 月通报 lists the department', async () => {
    // three enterprises: two in 忻府区, one of them with 40 employees
    for (const [region, employees] of [['140902', 40], ['140902', undefined], ['140981', 500]] as const) {
      const who = await citizen()
      await api().put('/api/v1/me/enterprise').set(who.auth).send({ name: `忻州计数测试企业${region}${employees ?? ''}`, creditCode: creditCode(), registeredRegion: region, employees })
    }
    const total = (await api().post('/api/v1/admin/policies/condition-counts').set(admin.auth).send({ conditions: { allOf: [{ field: 'registeredRegion', op: 'startsWith', value: '140902' }] } })).body
    await page.goto(browser.server.url)
    await storeSession(page, { accessToken: admin.token, refreshToken: admin.refreshToken })
    await page.evaluate(() => localStorage.setItem('xz.elderMode', JSON.stringify({ data: '0' })))
    await open(page, browser.server.url, 'admin/policies/index')
    await byTestId(page, 'admin-policy').first().waitFor()
    await tap(page, 'policy-new')
    await testId(page, 'condition-editor').waitFor()
    await byTestId(page, 'condition-count').first().waitFor()
    await fill(page, 'condition-value', '140902')
    await byTestId(page, 'condition-count').filter({ hasText: `保留 ${total.conditions[0].pass} 家` }).waitFor()
    expect(await testId(page, 'condition-total').innerText()).toContain(`符合 ${total.eligible} 家`)
    // a value that is not a region code is refused at the condition, before any request
    await fill(page, 'condition-value', '忻府区')
    await testId(page, 'condition-problem').waitFor()
    expect(await testId(page, 'condition-problem').innerText()).toContain('行政区划代码')
    await shoot('admin-policy-editor')

    await open(page, browser.server.url, 'admin/policy-report/index')
    await byTestId(page, 'report-row').first().waitFor()
    expect(await byTestId(page, 'report-row').first().innerText()).toContain('忻州市科学技术局')
    await shoot('admin-policy-report')
    expect(consoleErrors).toEqual([])
  })

  it('when a signed-out visitor taps 去登录 on 企业画像 (a subpackage page), then after signing in they are back on that page', async () => {
    await page.evaluate(() => localStorage.clear())
    await open(page, browser.server.url, 'enterprise/profile/index?from=e2e')
    await tap(page, 'go-login')
    await waitForRoute(page, 'pages/mine/index')
    await fill(page, 'dev-login-code', `ent-back-${Date.now()}`)
    await tap(page, 'dev-login-submit')
    await waitForRoute(page, 'enterprise/profile/index')
    expect(page.url()).toContain('from=e2e')
    await testId(page, 'profile-page').waitFor()
    expect(await testId(page, 'go-login').count()).toBe(0)
  })
})

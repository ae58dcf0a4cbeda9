/// <reference lib="dom" />
/**
 * Browser tests of the mini-program (H5 build): citizen, staff, administrator and 长辈版 screens. The real app
 * (createApp, in-process, on the test database) serves the API and the H5 build on 127.0.0.1; headless Chromium at
 * 375×812 drives it (see shared notes/taro.md).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { testApp } from './app'
import { deskWorld, type DeskWorld } from './desk-fixtures'

const REPO = path.resolve(__dirname, '..', '..')
export const H5_DIR = path.join(REPO, 'miniapp', 'dist', 'h5')
export const SCREENSHOT_DIR = path.join(REPO, 'artifacts', 'screenshots')
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

/** Builds the H5 front-end when it is missing (the root `npm test` builds it before jest). */
export function ensureH5Build(): void {
  if (fs.existsSync(path.join(H5_DIR, 'index.html'))) return
  execFileSync('npx', ['taro', 'build', '--type', 'h5'], {
    cwd: path.join(REPO, 'miniapp'),
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'ignore',
    timeout: 5 * 60_000,
  })
}

export interface AppServer {
  url: string
  close: () => Promise<void>
}

/** The real app (API under /api/v1 + the H5 build from config H5_DIR) listening on a free port of 127.0.0.1. */
export async function listen(): Promise<AppServer> {
  const server = http.createServer(testApp())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export interface Phone {
  context: BrowserContext
  page: Page
  close: () => Promise<void>
}

/** Chromium with a fresh profile, phone-sized; geolocation is not granted (the app must fall back). */
export async function launchPhone(): Promise<Phone> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-citizen-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const page = context.pages()[0] ?? (await context.newPage())
  trackApiRequests(page)
  return {
    context,
    page,
    close: async () => {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** The page Taro shows once its slide-in animation has finished. */
export function currentPage(page: Page): Locator {
  // tab pages stay in the DOM (hidden) after switching tabs: only the visible one counts
  return page.locator('.taro_page.taro_page_stationed:visible').last()
}

export async function waitForPage(page: Page): Promise<void> {
  await currentPage(page).waitFor({ state: 'visible' })
}

/** Opens a route of the H5 build (hash router), e.g. 'pages/mine/index'. */
export async function open(page: Page, baseUrl: string, route: string): Promise<void> {
  const url = `${baseUrl}/#/${route.replace(/^\//, '')}`
  // a hash-only change would reuse the cached (tab) page: load the app afresh
  if (page.url() === url) await page.goto('about:blank')
  await page.goto(url)
  await waitForPage(page)
}

/** Waits for the navigation a tap started (a new page slid in) and for it to settle. */
export async function waitForRoute(page: Page, route: string): Promise<void> {
  await page.waitForURL((url) => url.hash.includes(route))
  await currentPage(page).waitFor({ state: 'visible' })
  await settle(page)
}

/** API requests of each page still unanswered (counted from the page's own request events). */
const inFlight = new WeakMap<Page, Set<unknown>>()

function trackApiRequests(page: Page): void {
  const open = new Set<unknown>()
  inFlight.set(page, open)
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/')
  page.on('request', (r) => {
    if (isApi(r.url())) open.add(r)
  })
  const done = (r: unknown) => open.delete(r)
  page.on('requestfinished', done)
  page.on('requestfailed', done)
}

/** One frame of the page (for polling a condition on what is drawn). */
export async function nextFrame(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())))
}

/**
 * Waits until the screen holds still instead of sleeping a fixed time: no API request of the page in flight, and,
 * over two frames in a row, no finite animation or transition running (Taro's page slide, NutUI's dialogs and toasts
 * fading; endless spinners do not count) and nothing scrolling (smooth scrolls to a field).
 */
export async function settle(page: Page, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout
  const open = inFlight.get(page)
  while (open && open.size > 0) {
    if (Date.now() > deadline) throw new Error(`settle: ${open.size} API request(s) still unanswered after ${timeout} ms`)
    await page.waitForEvent('requestfinished', { timeout: Math.max(1, deadline - Date.now()) }).catch(() => undefined)
  }
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const moving = () =>
          document.getAnimations().some((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity)
        const offsets = () =>
          [document.scrollingElement, ...Array.from(document.querySelectorAll('.taro_page, .taro-scroll-view__scroll-y'))]
            .map((el) => `${el?.scrollTop ?? 0}:${el?.scrollLeft ?? 0}`)
            .join(',')
        const before = offsets()
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(!moving() && offsets() === before)))
      }),
    undefined,
    { timeout: Math.max(1, deadline - Date.now()) },
  )
}

/** Every element with this data-testid on the visible pages (Taro keeps earlier pages in the DOM). */
export function byTestId(page: Page, id: string): Locator {
  return page.locator(`.taro_page.taro_page_stationed:visible [data-testid="${id}"]`)
}

/** The one element with this data-testid on the page on screen (the last, if a list repeats it). */
export function testId(page: Page, id: string): Locator {
  return currentPage(page).locator(`[data-testid="${id}"]`).last()
}

export async function tap(page: Page, id: string): Promise<void> {
  await byTestId(page, id).first().click()
}

/** Types into a Taro/NutUI input (a web component wrapping the native element). */
export async function fill(page: Page, id: string, value: string): Promise<void> {
  await byTestId(page, id).first().locator('input, textarea').first().fill(value)
}

/** Saves artifacts/screenshots/<name>.png: the viewport, or the whole scrolled page with fullPage. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const file = path.join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false })
  return file
}

/** Puts a session into the H5 storage the way Taro.setStorageSync does ({data: value} as JSON). */
export async function storeSession(page: Page, tokens: { accessToken: string; refreshToken: string }): Promise<void> {
  await page.evaluate((value) => {
    localStorage.setItem('xz.session', JSON.stringify({ data: value }))
  }, JSON.stringify(tokens))
}

/**
 * Opens a route as a signed-in person: the session is stored the way the app stores it, from a neutral page first.
 * `fresh` clears the rest of the storage before; `elder` sets 长辈版 on or off.
 */
export async function openAs(
  page: Page,
  baseUrl: string,
  s: { token: string; refreshToken: string },
  route: string,
  opts: { fresh?: boolean; elder?: boolean } = {},
): Promise<void> {
  await open(page, baseUrl, opts.fresh ? 'pages/not-found/index' : 'pages/index/index')
  if (opts.fresh) await page.evaluate(() => localStorage.clear())
  await storeSession(page, { accessToken: s.token, refreshToken: s.refreshToken })
  if (opts.elder !== undefined) {
    await page.evaluate((on) => localStorage.setItem('xz.elderMode', JSON.stringify({ data: on ? '1' : '0' })), opts.elder)
  }
  await open(page, baseUrl, route)
}

/** Signs staff or an administrator in on the staff login page and waits for their home screen. */
export async function staffSignIn(
  page: Page,
  baseUrl: string,
  who: { username: string; password: string },
  home: 'staff-desk' | 'admin-home',
): Promise<void> {
  await open(page, baseUrl, 'staff/login/index')
  await fill(page, 'login-username', who.username)
  await fill(page, 'login-password', who.password)
  await tap(page, 'login-submit')
  await testId(page, home).waitFor()
}

export interface BrowserFile {
  readonly server: AppServer
  /** a fresh browser profile for each test (or one for the file: `phone: 'file'`) */
  readonly phone: Phone
}

function ready<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`${name} is not ready outside tests and hooks`)
  return value
}

/**
 * Setup of a browser test file (call after useTestDb()): the H5 build, the file's data (`setup`), one server per file,
 * and a phone per test (or one for the whole file). Read the fields inside tests and hooks, once they have been set.
 */
export function useBrowser(opts: { setup?: () => Promise<void>; phone?: 'test' | 'file' } = {}): BrowserFile {
  const state: { server?: AppServer; phone?: Phone } = {}
  const perFile = opts.phone === 'file'
  beforeAll(async () => {
    ensureH5Build()
    await opts.setup?.()
    state.server = await listen()
    if (perFile) state.phone = await launchPhone()
  }, 6 * 60_000)
  if (!perFile) {
    beforeEach(async () => {
      state.phone = await launchPhone()
    })
    afterEach(async () => {
      await state.phone?.close()
      state.phone = undefined
    })
  }
  afterAll(async () => {
    await state.phone?.close()
    await state.server?.close()
  })
  return {
    get server() { return ready(state.server, 'server') },
    get phone() { return ready(state.phone, 'phone') },
  }
}

export interface DeskBrowser extends BrowserFile {
  /** the hall, service and signed-in actors of desk-fixtures' deskWorld() */
  readonly world: DeskWorld
}

/** Setup of the staff and administrator browser tests: useBrowser with one desk world per file. */
export function useDeskBrowser(): DeskBrowser {
  let world: DeskWorld | undefined
  const browser = useBrowser({
    setup: async () => {
      world = await deskWorld()
    },
  })
  return {
    get world() { return ready(world, 'world') },
    get server() { return browser.server },
    get phone() { return browser.phone },
  }
}

/**
 * Elements of the current page that stick out of the 375 px viewport. Content clipped by a scrolling or
 * overflow-hidden ancestor that itself fits (chip rows, NutUI's off-screen tab panes) does not count.
 */
export async function overflowingElements(page: Page): Promise<string[]> {
  return currentPage(page).evaluate((root) => {
    const width = window.innerWidth
    const clippedByFittingAncestor = (el: Element): boolean => {
      for (let a = el.parentElement; a && a !== root.parentElement; a = a.parentElement) {
        const style = getComputedStyle(a)
        if (style.overflowX !== 'visible' || style.overflow !== 'visible') {
          const r = a.getBoundingClientRect()
          if (r.left >= -1 && r.right <= width + 1) return true
        }
      }
      return false
    }
    const out: string[] = []
    for (const el of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) continue
      if (r.right <= width + 1 && r.left >= -1) continue
      if (clippedByFittingAncestor(el)) continue
      out.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(r.left)}–${Math.round(r.right)})`)
    }
    return out.slice(0, 10)
  })
}

/**
 * The 用户协议/隐私政策 dialog (Taro's showModal) that a form shows before the first personal data of an account
 * that has not agreed yet: taps 同意 when it appears within `timeoutMs`, and reports whether it did.
 */
export async function agreeIfAsked(page: Page, timeoutMs = 2000): Promise<boolean> {
  const agree = page.locator('.taro__modal .taro-modal__foot').getByText('同意', { exact: true })
  try {
    await agree.waitFor({ state: 'visible', timeout: timeoutMs })
  } catch {
    return false
  }
  await agree.click()
  return true
}

/// <reference lib="dom" />
/**
 * Browser tests of the staff, administrator and 长辈版 screens: the real server (createApp, in-process, on the test
 * database) serves the H5 build and the API on 127.0.0.1; headless Chromium at phone size drives it.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { testApp } from './app'

const REPO = path.resolve(__dirname, '..', '..')
const H5_DIR = path.join(REPO, 'miniapp', 'dist', 'h5')
export const SCREENSHOT_DIR = path.join(REPO, 'artifacts', 'screenshots')

/** Builds the H5 front-end once when it is missing (≈ 1 min); the tests use whatever build is there otherwise. */
export function ensureH5Build(): void {
  if (fs.existsSync(path.join(H5_DIR, 'index.html'))) return
  execFileSync('npx', ['taro', 'build', '--type', 'h5'], {
    cwd: path.join(REPO, 'miniapp'),
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'ignore',
    timeout: 5 * 60_000,
  })
}

export interface TestServer {
  url: string
  close: () => Promise<void>
}

/** The real app (API + H5 build) listening on a free port of 127.0.0.1. */
export async function startServer(): Promise<TestServer> {
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

/** Chromium with a fresh profile at 375×812 (see shared notes/taro.md for the flags). */
export async function launchPhone(): Promise<Phone> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    close: async () => {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Opens a page of the H5 build (hash router) and waits until Taro has finished sliding it in. */
export async function openRoute(page: Page, baseUrl: string, route: string): Promise<void> {
  await page.goto(`${baseUrl}/#/${route.replace(/^\//, '')}`)
  await waitForPage(page)
}

/** The page on screen: tab pages stay mounted (hidden) when another page is shown. */
export function currentPage(page: Page): Locator {
  return page.locator('.taro_page.taro_page_stationed').filter({ visible: true }).last()
}

export async function waitForPage(page: Page): Promise<void> {
  await currentPage(page).waitFor({ state: 'visible' })
}

const byTestId = (page: Page, id: string) => currentPage(page).locator(`[data-testid="${id}"]`).last()
export { byTestId as testId }

/** Types into a Taro Input/Textarea (a web component wrapping the native element). */
export async function typeInto(page: Page, id: string, value: string): Promise<void> {
  await byTestId(page, id).locator('input, textarea').fill(value)
}

export async function tap(page: Page, id: string): Promise<void> {
  await byTestId(page, id).click()
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
}

/** Puts a session into the H5 storage the way Taro.setStorageSync does ({data: value} as JSON). */
export async function storeSession(page: Page, tokens: { accessToken: string; refreshToken: string }): Promise<void> {
  await page.evaluate((value) => {
    localStorage.setItem('xz.session', JSON.stringify({ data: value }))
  }, JSON.stringify(tokens))
}

/**
 * Every deep link a notification carries (`page` of `notify({...})`, opened from 消息 and from WeChat subscribe
 * messages) names a page the mini-program has (miniapp/src/app.config.ts, main package and subpackages).
 * The links are collected from the server's source, so a new notice with a made-up page fails here.
 */
import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..', '..')

interface AppConfig {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
}

function appPages(): Set<string> {
  const g = globalThis as unknown as { defineAppConfig?: (c: AppConfig) => AppConfig }
  g.defineAppConfig = (c) => c
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = (require(path.join(ROOT, 'miniapp/src/app.config.ts')) as { default: AppConfig }).default
  const pages = new Set(config.pages)
  for (const sub of config.subPackages ?? []) for (const p of sub.pages) pages.add(`${sub.root}/${p}`)
  return pages
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(full)
    return e.name.endsWith('.ts') ? [full] : []
  })
}

/** `page: '…'` / `page: \`…\`` inside the `notify({ … })` calls of one file. */
function linksOf(source: string): { link: string; literal: boolean }[] {
  const out: { link: string; literal: boolean }[] = []
  for (const call of source.matchAll(/\bnotify\(\{/g)) {
    // the call's object literal: up to the matching brace
    let depth = 0
    let end = call.index + 'notify('.length
    for (; end < source.length; end++) {
      if (source[end] === '{') depth++
      else if (source[end] === '}' && --depth === 0) break
    }
    const body = source.slice(call.index, end)
    const m = /\bpage:\s*(?:(['"`])([^'"`]*)\1|([^,\n}]+))/.exec(body)
    if (!m) continue
    out.push(m[2] !== undefined ? { link: m[2], literal: true } : { link: m[3].trim(), literal: false })
  }
  return out
}

/** The page path of a link: no leading slash, no query. */
const pageOf = (link: string) => link.replace(/^\//, '').split('?')[0]

describe('notification deep links', () => {
  const pages = appPages()
  const links = sourceFiles(path.join(ROOT, 'server/src')).flatMap((file) =>
    linksOf(fs.readFileSync(file, 'utf8')).map((l) => ({ ...l, file: path.relative(ROOT, file) })),
  )

  it('when the server source is scanned, then the notices of bookings, queue, desk, 12345, policies and work orders are all found', () => {
    const files = new Set(links.map((l) => l.file))
    for (const f of [
      'server/src/modules/tickets/tickets.service.ts',
      'server/src/modules/policies/policy-notices.ts',
      'server/src/modules/policies/applications.service.ts',
      'server/src/modules/work-orders/work-orders.service.ts',
      'server/src/modules/bookings/bookings.jobs.ts',
    ]) {
      expect(files).toContain(f)
    }
    expect(links.length).toBeGreaterThanOrEqual(15)
  })

  it('when a notice names its page, then the page is one of app.config.ts (a literal, so that this test can check it)', () => {
    const wrong = links.filter((l) => !l.literal || !pages.has(pageOf(l.link))).map((l) => `${l.file}: ${l.link}`)
    expect(wrong).toEqual([])
  })

  it('when a link names a page that does not exist, then the check reports it', () => {
    const found = linksOf("await notify({ key, to, kind: 'ticket', title, body, page: `/handler/ticket/index?id=${id}` })")
    expect(found).toEqual([{ link: '/handler/ticket/index?id=${id}', literal: true }])
    expect(pages.has(pageOf(found[0].link))).toBe(false)
    expect(pages.has(pageOf('/pages/tickets/mine/index?id=1'))).toBe(true)
    expect(pages.has(pageOf('/hotline/handler/index?id=1'))).toBe(true)
  })
})

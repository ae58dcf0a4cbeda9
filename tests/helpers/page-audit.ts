/// <reference lib="dom" />
/**
 * SPEC §5 measured in the browser: what a person sees on the page on screen, from computed styles and client rects
 * (never from the stylesheets). Reusable by any browser test:
 *
 *   const watch = watchPage(page)            // console errors, failed scripts, 5xx responses
 *   … open a page, wait for its content …
 *   const audit = await auditPage(page, 'elder')
 *   expect(problems(audit, watch.take(), 'elder')).toEqual([])
 */
import type { Page } from 'playwright-core'

export type Mode = 'normal' | 'elder'

/** SPEC §5: smallest text, smallest median text and smallest tap target, per mode (CSS px at 375 px width). */
export const RULES: Record<Mode, { minFont: number; minMedianFont: number; minTap: number }> = {
  normal: { minFont: 12, minMedianFont: 0, minTap: 44 },
  elder: { minFont: 16, minMedianFont: 18, minTap: 48 },
}

export interface PageAudit {
  /** smallest and median computed font size of the visible text, weighted by characters */
  minFont: number
  medianFont: number
  /** visible characters measured */
  chars: number
  /** text under the mode's minimum: `"text" 11px` */
  smallText: string[]
  /** pairs of text nodes whose glyph boxes overlap */
  overlaps: string[]
  /** text cut off by an overflow-hidden box or an ellipsis */
  clipped: string[]
  /** the page scrolls sideways, or elements stick out of the 375 px viewport */
  sideways: string[]
  /** tappable elements smaller than the mode's minimum in either direction */
  smallTaps: string[]
}

export interface Watched {
  consoleErrors: string[]
  serverErrors: string[]
}

/** Collects console errors, uncaught exceptions and 5xx responses; take() returns and clears them. */
export function watchPage(page: Page): { take: () => Watched } {
  let consoleErrors: string[] = []
  let serverErrors: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text().slice(0, 300))
  })
  page.on('pageerror', (err) => consoleErrors.push(`uncaught: ${err.message.slice(0, 300)}`))
  page.on('response', (res) => {
    if (res.status() >= 500) serverErrors.push(`${res.status()} ${res.request().method()} ${res.url()}`)
  })
  return {
    take: () => {
      const out = { consoleErrors, serverErrors }
      consoleErrors = []
      serverErrors = []
      return out
    },
  }
}

/**
 * Measures the page on screen (Taro's stationed page plus the H5 tab bar) against the mode's rules. Runs entirely
 * in the browser: text nodes' computed font sizes and client rects, overflow-clipping ancestors, tappable elements
 * found through React's props (Taro's H5 components are custom elements with React handlers).
 */
export async function auditPage(page: Page, mode: Mode): Promise<PageAudit> {
  const rules = RULES[mode]
  return page.evaluate((r) => {
    type Box = { left: number; top: number; right: number; bottom: number }
    const vw = window.innerWidth
    const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page.taro_page_stationed')).filter(
      (el) => el.offsetParent !== null || getComputedStyle(el).position === 'fixed',
    )
    const pageRoot = pages[pages.length - 1] ?? document.body
    const roots: HTMLElement[] = [pageRoot]
    const tabbar = document.querySelector<HTMLElement>('.taro-tabbar__tabbar')
    if (tabbar && tabbar.offsetParent !== null && !pageRoot.contains(tabbar)) roots.push(tabbar)
    const hdr = document.querySelector<HTMLElement>('#taro-navigation-bar')
    if (hdr && hdr.offsetParent !== null && !pageRoot.contains(hdr)) roots.push(hdr)

    const label = (el: Element | null): string => {
      if (!el) return '?'
      const id = el.closest('[data-testid]')?.getAttribute('data-testid')
      const cls = typeof el.className === 'string' ? el.className.split(/\s+/).filter(Boolean)[0] : ''
      return `${el.tagName.toLowerCase()}${cls ? '.' + cls : ''}${id ? `[${id}]` : ''}`
    }
    const quote = (s: string) => `"${s.trim().replace(/\s+/g, ' ').slice(0, 24)}"`
    const intersect = (a: Box, b: Box): Box => ({
      left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom),
    })
    const empty = (b: Box) => b.right - b.left < 0.5 || b.bottom - b.top < 0.5
    const hidden = (el: Element): boolean => {
      for (let a: Element | null = el; a; a = a.parentElement) {
        const s = getComputedStyle(a)
        if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return true
      }
      return false
    }
    /** The box that ancestors with overflow other than visible leave visible of this element's content. */
    const clipBox = (el: Element, self = false): Box => {
      let box: Box = { left: -1e6, top: -1e6, right: 1e6, bottom: 1e6 }
      for (let a = self ? el : el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        const s = getComputedStyle(a)
        if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
          const b = a.getBoundingClientRect()
          box = intersect(box, {
            left: s.overflowX !== 'visible' ? b.left : -1e6, right: s.overflowX !== 'visible' ? b.right : 1e6,
            top: s.overflowY !== 'visible' ? b.top : -1e6, bottom: s.overflowY !== 'visible' ? b.bottom : 1e6,
          })
        }
      }
      return box
    }
    /**
     * Where text is cut off for good: the box of the nearest ancestor that clips, per axis, when it hides its
     * overflow (hidden/clip). Text in a scroller (chip rows, the page itself) can be scrolled to: not cut.
     * `el` is the text's own element, which clips its text too.
     */
    const cutBox = (el: Element): Box => {
      const box: Box = { left: -1e6, top: -1e6, right: 1e6, bottom: 1e6 }
      const hard = (v: string) => v === 'hidden' || v === 'clip'
      let doneX = false
      let doneY = false
      for (let a: Element | null = el; a && a !== document.documentElement && !(doneX && doneY); a = a.parentElement) {
        const s = getComputedStyle(a)
        const b = a.getBoundingClientRect()
        if (!doneX && s.overflowX !== 'visible') {
          doneX = true
          if (hard(s.overflowX)) Object.assign(box, { left: b.left, right: b.right })
        }
        if (!doneY && s.overflowY !== 'visible') {
          doneY = true
          if (hard(s.overflowY)) Object.assign(box, { top: b.top, bottom: b.bottom })
        }
      }
      return box
    }
    // fixed and sticky bars: content scrolled beneath them is covered, not overlapping
    const bars: { el: Element; box: Box }[] = []
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const pos = getComputedStyle(el).position
      if (pos === 'fixed' || pos === 'sticky') {
        const b = el.getBoundingClientRect()
        if (b.width > 0 && b.height > 0) bars.push({ el, box: b })
      }
    }

    interface TextItem { node: Text; el: Element; font: number; rects: Box[]; text: string; partial: boolean }
    const items: TextItem[] = []
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const text = n.data
        if (!text.trim()) continue
        const el = n.parentElement
        if (!el || hidden(el)) continue
        const range = document.createRange()
        range.selectNodeContents(n)
        const clip = clipBox(el, true)
        const hard = cutBox(el)
        const rects: Box[] = []
        let partial = false
        for (const rc of Array.from(range.getClientRects())) {
          if (rc.width < 0.5 || rc.height < 0.5) continue
          const vis = intersect(rc, clip)
          if (empty(vis)) continue // wholly outside a clipping box: an off-screen tab pane or slide, not shown
          const cut = intersect(rc, hard)
          if (cut.right < rc.right - 1 || cut.left > rc.left + 1 || cut.bottom < rc.bottom - 2 || cut.top > rc.top + 2) partial = true
          rects.push(vis)
        }
        if (!rects.length) continue
        items.push({ node: n, el, font: parseFloat(getComputedStyle(el).fontSize), rects, text, partial })
      }
    }

    // font sizes, weighted by visible characters
    const sizes: number[] = []
    const smallText: string[] = []
    for (const it of items) {
      const chars = Array.from(it.text.trim()).length
      for (let i = 0; i < chars; i++) sizes.push(it.font)
      if (it.font < r.minFont - 0.01) smallText.push(`${quote(it.text)} ${+it.font.toFixed(1)}px ${label(it.el)}`)
    }
    sizes.sort((a, b) => a - b)
    const minFont = sizes.length ? sizes[0] : 0
    const medianFont = sizes.length ? sizes[Math.floor(sizes.length / 2)] : 0

    // overlapping text: glyph boxes of two different text nodes that intersect clearly (not just touching lines)
    const covered = (it: TextItem, b: Box) => bars.some((bar) => !bar.el.contains(it.el) && !empty(intersect(bar.box, b)))
    const overlaps: string[] = []
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i]
        const b = items[j]
        for (const ra of a.rects) {
          for (const rb of b.rects) {
            const x = intersect(ra, rb)
            const w = x.right - x.left
            const h = x.bottom - x.top
            if (w < 2 || h < 2) continue
            const smaller = Math.min((ra.right - ra.left) * (ra.bottom - ra.top), (rb.right - rb.left) * (rb.bottom - rb.top))
            if (w * h < 0.2 * smaller) continue
            if (covered(a, ra) || covered(b, rb)) continue
            overlaps.push(`${quote(a.text)} × ${quote(b.text)}`)
          }
        }
      }
    }

    // clipped text: partly cut by an overflow box, or shortened with an ellipsis
    const clipped: string[] = []
    for (const it of items) {
      const s = getComputedStyle(it.el)
      const ellipsis = s.textOverflow === 'ellipsis' && it.el.scrollWidth > it.el.clientWidth + 1
      if (it.partial || ellipsis) clipped.push(`${quote(it.text)} ${label(it.el)}${ellipsis ? ' (ellipsis)' : ''}`)
    }

    // sideways scrolling of the document or the page, and elements sticking out of the viewport
    const sideways: string[] = []
    const docEl = document.scrollingElement ?? document.documentElement
    if (docEl.scrollWidth > vw + 1) sideways.push(`document scrolls sideways (${docEl.scrollWidth}px)`)
    if (pageRoot.scrollWidth > pageRoot.clientWidth + 1) sideways.push(`page scrolls sideways (${pageRoot.scrollWidth}px)`)
    for (const el of Array.from(pageRoot.querySelectorAll('*'))) {
      const b = el.getBoundingClientRect()
      if (b.width === 0 || b.height === 0 || (b.right <= vw + 1 && b.left >= -1)) continue
      const clip = clipBox(el)
      if (clip.left >= -1 && clip.right <= vw + 1) continue
      if (hidden(el)) continue
      sideways.push(`${label(el)} ${Math.round(b.left)}–${Math.round(b.right)}px`)
      if (sideways.length > 8) break
    }

    // tap targets: native controls, ARIA roles and elements carrying click handlers
    const tappable = (el: Element): boolean => {
      const tag = el.tagName.toLowerCase()
      if (['button', 'a', 'input', 'textarea', 'select', 'taro-button-core', 'taro-input-core', 'taro-textarea-core', 'taro-switch-core', 'taro-checkbox-core', 'taro-radio-core', 'taro-picker-core'].includes(tag)) return true
      if (['button', 'switch', 'tab', 'checkbox', 'radio', 'link'].includes(el.getAttribute('role') ?? '')) return true
      // Taro's H5 title bar buttons (plain DOM listeners)
      if (el.matches('.taro-navigation-bar-back, .taro-navigation-bar-home')) return true
      // Taro's H5 components (taro-view-core…) keep their handlers in __events (attachProps), not in React's props
      const events = (el as unknown as { __events?: Record<string, unknown> }).__events
      if (events && (typeof events.click === 'function' || typeof events.tap === 'function')) return true
      for (const key of Object.keys(el)) {
        if (key.startsWith('__reactProps$')) {
          const props = (el as unknown as Record<string, Record<string, unknown>>)[key]
          if (props && (typeof props.onClick === 'function' || typeof props.onTap === 'function')) return true
        }
      }
      return false
    }
    const smallTaps: string[] = []
    for (const root of roots) {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (!tappable(el) || hidden(el)) continue
        // a text field is the box drawn around it (NutUI's wrapper), not the bare native input inside
        if (el.matches('input, textarea') && el.parentElement?.closest('taro-input-core, taro-textarea-core')) continue
        const field = el.matches('taro-input-core, taro-textarea-core, input, textarea') ? el.closest('.nut-input, .nut-textarea, .nut-searchbar-content') : null
        const b = (field ?? el).getBoundingClientRect()
        if (b.width === 0 || b.height === 0) continue
        if (empty(intersect(b, clipBox(el)))) continue
        // the same target twice (a native <button> inside Taro's wrapper): count the outer one
        let twin = false
        for (let a = el.parentElement; a && a !== root && !twin; a = a.parentElement) {
          if (!tappable(a)) continue
          const ab = a.getBoundingClientRect()
          twin = Math.abs(ab.width - b.width) < 2 && Math.abs(ab.height - b.height) < 2
          break
        }
        if (twin) continue
        // an icon without text inside a tappable control (a search bar's magnifier) is hit through that control
        if (!(el.textContent ?? '').trim() && el.tagName.toLowerCase() === 'i' && el.parentElement?.closest('[data-testid]')) continue
        if (b.width < r.minTap - 0.5 || b.height < r.minTap - 0.5) {
          const text = (el.textContent ?? '').trim()
          smallTaps.push(`${label(el)}${text ? ' ' + quote(text) : ''} ${Math.round(b.width)}×${Math.round(b.height)}`)
        }
      }
    }

    return { minFont, medianFont, chars: sizes.length, smallText, overlaps, clipped, sideways, smallTaps }
  }, rules)
}

/** Every SPEC §5 failure of a page audit (plus what the watcher saw), as readable lines; [] when the page passes. */
export function problems(audit: PageAudit, watched: Watched, mode: Mode): string[] {
  const rules = RULES[mode]
  const out: string[] = []
  const list = (what: string, items: string[]) => {
    if (items.length) out.push(`${what} (${items.length}): ${items.slice(0, 6).join('; ')}`)
  }
  if (audit.chars === 0) out.push('no visible text')
  list(`text under ${rules.minFont}px`, audit.smallText)
  if (audit.chars > 0 && audit.medianFont < rules.minMedianFont) out.push(`median text ${audit.medianFont}px under ${rules.minMedianFont}px`)
  list('overlapping text', audit.overlaps)
  list('clipped text', audit.clipped)
  list('sideways scrolling', audit.sideways)
  list(`tap targets under ${rules.minTap}px`, audit.smallTaps)
  list('console errors', watched.consoleErrors)
  list('5xx responses', watched.serverErrors)
  return out
}

/** One row of the printed table: page × mode with the figures of SPEC §5. */
export function tableRow(name: string, mode: Mode, audit: PageAudit, watched: Watched): string {
  const cells = [
    name.padEnd(30), mode.padEnd(6), `${+audit.minFont.toFixed(1)}`.padStart(5), `${+audit.medianFont.toFixed(1)}`.padStart(6),
    `${audit.overlaps.length}`.padStart(4), `${audit.clipped.length}`.padStart(4), `${audit.sideways.length}`.padStart(4),
    `${audit.smallTaps.length}`.padStart(4), `${watched.consoleErrors.length}`.padStart(4), `${watched.serverErrors.length}`.padStart(4),
  ]
  return cells.join(' ')
}

export const TABLE_HEADER = ['page'.padEnd(30), 'mode'.padEnd(6), '  min', 'median', 'ovl', 'clip', 'side', 'tap', 'cons', '5xx'].join(' ')

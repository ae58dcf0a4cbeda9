import Taro from '@tarojs/taro'

/** Route of the page shown for an unknown route (a mistyped or outdated link). */
export const NOT_FOUND_URL = '/pages/not-found/index'

/**
 * Fixes of Taro's H5 runtime, installed once at start:
 * - Taro's H5 tab bar renders its items as `<a href="javascript:;">`; following such a link is a `javascript:` URL,
 *   which the server's strict CSP blocks (a console error on every tab tap). The click handlers of the tab bar do
 *   the navigation, so the link's own default action is cancelled before the browser tries it.
 * - An unknown route would render a blank page: show the 页面不存在 page instead (the mini-program does the same
 *   through onPageNotFound).
 */
export function installAppFixes(): void {
  Taro.onPageNotFound?.(() => {
    void Taro.redirectTo({ url: NOT_FOUND_URL })
  })
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null
      const link = target?.closest?.('a[href^="javascript:"]')
      if (link) event.preventDefault()
    },
    true
  )
}

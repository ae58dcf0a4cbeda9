import Taro from '@tarojs/taro'

/**
 * Brings the element with this id into the middle of the screen (clear of the fixed bottom bar): the browser's
 * scrollIntoView on H5, Taro.pageScrollTo with a selector in the mini-program.
 */
export function scrollToAnchor(id: string): void {
  setTimeout(() => {
    if (process.env.TARO_ENV === 'h5') {
      const el = document.getElementById(id)
      if (el && typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'center', behavior: 'smooth' })
      return
    }
    void Taro.pageScrollTo({ selector: `#${id}`, offsetTop: -120, duration: 200 }).catch(() => undefined)
  }, 50)
}

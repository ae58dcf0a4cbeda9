import { useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'

/**
 * A number that grows each time the page is shown again (back from another page), not on its first show: put it in a
 * data hook's dependencies so the page reloads what may have changed meanwhile.
 */
export function useShownVersion(): number {
  const [version, setVersion] = useState(0)
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) setVersion((v) => v + 1)
    shown.current = true
  })
  return version
}

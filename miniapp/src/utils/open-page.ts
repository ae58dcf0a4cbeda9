import Taro from '@tarojs/taro'

/**
 * Opens the page a notice links to: `navigateTo`, or `switchTab` for a tab page (navigateTo refuses those). A link that
 * cannot be opened says so in a toast instead of doing nothing.
 */
export async function openPage(link: string): Promise<boolean> {
  const url = link.startsWith('/') ? link : `/${link}`
  try {
    await Taro.navigateTo({ url })
    return true
  } catch {
    try {
      await Taro.switchTab({ url: url.split('?')[0] })
      return true
    } catch {
      void Taro.showToast({ title: '无法打开该消息对应的页面', icon: 'none' })
      return false
    }
  }
}

import type { PropsWithChildren } from 'react'
// NutUI theme once for the whole app: its CSS variables and number font (25 KB). Component styles come with the
// on-demand imports (babel-plugin-import), so the full dist/style.css (230 KB, every component) is not needed.
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import './app.scss'
// 长辈版 (large type): every page root carries useElderMode().elderClass
import '@/components/elder/elder.scss'
import { installAppFixes } from '@/utils/h5'

installAppFixes()

import { installPrivacyAuthorization } from '@/utils/privacy-authorization'

installPrivacyAuthorization()

function App({ children }: PropsWithChildren) {
  // children is the page to render
  return children
}

export default App

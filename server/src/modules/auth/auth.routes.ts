import { authContract } from '@xz/shared'
import { loginPerClient, loginPerUsername, wechatLoginPerClient } from '../../lib/rate-policies'
import { implement } from '../../lib/routes'
import * as auth from './auth.service'

export const authRoutes = implement(authContract, {
  wechatLogin: { rateLimit: [wechatLoginPerClient], handler: ({ body }) => auth.loginWithWechat(body.code) },
  staffLogin: { rateLimit: [loginPerClient, loginPerUsername], handler: ({ body, clientKey }) => auth.loginStaff(body.username, body.password, clientKey) },
  refresh: ({ body }) => auth.refresh(body.refreshToken),
  me: ({ auth: ctx }) => auth.getMe(ctx),
  updateMe: ({ auth: ctx, body }) => auth.updateMe(ctx, body),
})

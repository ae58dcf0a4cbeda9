import { MeSchema, RefreshSchema, StaffLoginSchema, TokenPairSchema, UpdateMeSchema, WechatLoginSchema } from '@xz/shared'
import { clientKey } from '../../lib/rate-limit'
import { loginPerClient, loginPerUsername, wechatLoginPerClient } from '../../lib/rate-policies'
import { ApiRouter } from '../../lib/routes'
import * as auth from './auth.service'

export const authRoutes = new ApiRouter('/auth', 'auth')
  .post('/wechat', { summary: 'Sign in with a wx.login code', body: WechatLoginSchema, response: TokenPairSchema, rateLimit: [wechatLoginPerClient] }, ({ body }) =>
    auth.loginWithWechat(body.code),
  )
  .post(
    '/staff',
    { summary: 'Staff/administrator sign-in', body: StaffLoginSchema, response: TokenPairSchema, rateLimit: [loginPerClient, loginPerUsername] },
    ({ body, req }) => auth.loginStaff(body.username, body.password, clientKey(req)),
  )
  .post('/refresh', { summary: 'Rotate a refresh token', body: RefreshSchema, response: TokenPairSchema }, ({ body }) =>
    auth.refresh(body.refreshToken),
  )

export const meRoutes = new ApiRouter('/me', 'auth')
  .get('/', { summary: 'The signed-in user', auth: [], response: MeSchema }, ({ auth: ctx }) => auth.getMe(ctx))
  .patch('/', { summary: 'Update my profile', auth: [], body: UpdateMeSchema, response: MeSchema }, ({ auth: ctx, body }) =>
    auth.updateMe(ctx, body),
  )

import { defineContract } from '../contract'
import { MeSchema, RefreshSchema, StaffLoginSchema, TokenPairSchema, UpdateMeSchema, WechatLoginSchema } from '../schemas/auth'

export const authContract = /* @__PURE__ */ defineContract('auth', {
  wechatLogin: { method: 'post', path: '/auth/wechat', summary: 'Sign in with a wx.login code', body: WechatLoginSchema, responses: { 200: TokenPairSchema } },
  staffLogin: { method: 'post', path: '/auth/staff', summary: 'Staff/administrator sign-in', body: StaffLoginSchema, responses: { 200: TokenPairSchema } },
  refresh: { method: 'post', path: '/auth/refresh', summary: 'Rotate a refresh token', body: RefreshSchema, responses: { 200: TokenPairSchema } },
  me: { method: 'get', path: '/me', summary: 'The signed-in user', auth: [], responses: { 200: MeSchema } },
  updateMe: { method: 'patch', path: '/me', summary: 'Update my profile', auth: [], body: UpdateMeSchema, responses: { 200: MeSchema } },
})

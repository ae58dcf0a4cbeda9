import type { Request } from 'express'
import { rateLimiter, slowDown } from './rate-limit'

/**
 * The rate limits of the API (README "Rate limits" lists them with the reasons). Counted in the database
 * (see DbRateLimitStore), so they hold however many server processes run.
 */
const MINUTE = 60_000

const usernameOf = (req: Request): string | undefined => {
  const u = (req.body as { username?: unknown } | undefined)?.username
  return typeof u === 'string' && u.length > 0 ? u.slice(0, 64) : undefined
}

/** Staff sign-in per client address: a person mistyping needs a few tries; a whole office behind one NAT
 *  signs in at opening time. 20 a minute caps guessing from one address at 1,200 an hour. */
export const loginPerClient = rateLimiter({
  name: 'login-ip',
  windowMs: MINUTE,
  limit: 20,
  reason: '一个地址每分钟 20 次：够一个办公网出口的人同时上班登录，单一来源的猜测被限制在每小时 1,200 次',
})

/** Staff sign-in per username, from any address: slows down instead of refusing, so that nobody can lock
 *  the owner out. After 10 attempts in 15 minutes each further attempt waits 200 ms more, at most 1.5 s. */
export const loginPerUsername = slowDown({
  name: 'login-user',
  windowMs: 15 * MINUTE,
  limit: 30,
  freeHits: 10,
  stepMs: 200,
  maxDelayMs: 1500,
  by: usernameOf,
  reason: '同一用户名 15 分钟内超过 10 次后逐次延迟（最多 1.5 秒）而不拒绝：攻击者无法借此把账号主人锁在门外',
})

/** WeChat sign-in per client address: mobile carriers put many people behind one address (CGNAT). */
export const wechatLoginPerClient = rateLimiter({
  name: 'wechat-ip',
  windowMs: MINUTE,
  limit: 60,
  reason: '一个地址每分钟 60 次：运营商 NAT 后有很多用户，一个人一次登录只需 1 次',
})

/** Bookings per person: choosing a slot takes a person far longer than 6 seconds. */
export const bookingPerUser = rateLimiter({
  name: 'booking-user',
  windowMs: MINUTE,
  limit: 10,
  by: 'user',
  reason: '每人每分钟 10 次预约操作：真人选时段远慢于此，脚本刷号被挡住',
})

/** Ratings per person: one rating per finished booking, written by hand. */
export const ratingPerUser = rateLimiter({
  name: 'rating-user',
  windowMs: MINUTE,
  limit: 10,
  by: 'user',
  reason: '每人每分钟 10 条评价/追评：手写评价不会更快',
})

/** Every other write (POST/PUT/PATCH/DELETE) per signed-in user, or per address when anonymous. */
export const writePerUser = rateLimiter({
  name: 'write-user',
  windowMs: MINUTE,
  limit: 120,
  by: 'user',
  reason: '其他写操作每人（匿名按地址）每分钟 120 次：窗口人员忙时约每 10 秒一次操作，留足余量',
})

/**
 * 示例数据: a plausible history of served bookings and ratings over the past weeks, so that the statistics and the
 * point pages have something to show on a fresh demo database. Everything is made through the services the app uses
 * (seat, quota and active-place claims, check-in with its queue-number claims, serve, 好差评 with its work orders),
 * with the process's business clock (`setNow`) moved to the day before each session and then through it. It runs
 * during seeding, before the server listens or any background job starts, and puts the clock back at the end.
 * Demo citizens are `openid: demo-history-<n>`, named 示例用户; every booking's note says 示例数据.
 */
import mongoose from 'mongoose'
import { addDays, instantOf, localDate, weekday, type CreateRating, type Role } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now, setNow } from '../../lib/clock'
import { logger } from '../../lib/logger'
import { Account, User } from '../auth'
import { placeBooking } from '../bookings'
import { Hall } from '../halls'
import { createRating } from '../ratings'
import { SessionRule, slotIdOf, slotStarts } from '../sessions'
import { checkInById, markNoShow, serve } from '../staff'

/** How far back the history goes, and how many people come to one weekend session. */
const WEEKS_BACK = 3
const PER_SESSION = 3
const DEMO_PEOPLE = 10
/** Sessions per weekend day: the city centre's morning and one county centre's, in turn (a small, quick seed). */
const COUNTY_RULES_PER_DAY = 1

/** A deterministic pseudo-random sequence (the demo data is the same on every fresh database). */
function sequence(seed: number) {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648
    return s / 2147483648
  }
}

const LEVEL_WEIGHTS: [number, number][] = [
  [5, 0.62],
  [4, 0.22],
  [3, 0.08],
  [2, 0.05],
  [1, 0.03],
]
const BAD: Record<number, Pick<CreateRating, 'tags' | 'comment'>> = {
  2: { tags: ['等待时间长'], comment: '现场排队等候时间较长，希望增加窗口' },
  1: { tags: ['一次告知不清', '材料反复要求'], comment: '材料清单没有一次说清楚，跑了两趟' },
}

function pickLevel(r: number): number {
  let acc = 0
  for (const [level, w] of LEVEL_WEIGHTS) {
    acc += w
    if (r < acc) return level
  }
  return 5
}

const citizenAuth = (id: string): AuthContext => ({ sub: id, role: 'citizen' as Role, hallIds: [] })

/** Past Saturdays and Sundays, oldest first, ending before today. */
function pastWeekendDays(today: string): string[] {
  const out: string[] = []
  for (let d = addDays(today, -7 * WEEKS_BACK); d < today; d = addDays(d, 1)) if (weekday(d) === 0 || weekday(d) === 6) out.push(d)
  return out
}

export interface HistoryCounts {
  served: number
  rated: number
  noShow: number
}

/** Seeds the history; returns what it made. Idempotent enough for a fresh database (it runs once, under the seed claim). */
export async function seedDemoHistory(): Promise<HistoryCounts> {
  const offset = now().getTime() - Date.now()
  const today = localDate(now())
  const counts: HistoryCounts = { served: 0, rated: 0, noShow: 0 }
  const random = sequence(20261128)
  try {
    const admin = await Account.findOne({ username: 'admin' }).lean()
    if (!admin) return counts
    const adminAuth: AuthContext = { sub: String(admin._id), role: 'admin', hallIds: [], regionCode: admin.regionCode ?? undefined }
    const people = await User.insertMany(
      Array.from({ length: DEMO_PEOPLE }, (_, i) => ({ openid: `demo-history-${i + 1}`, name: `示例用户${i + 1}`, role: 'citizen' })),
    )
    // weekend morning sessions of the seeded rules: the points and items that really offer them
    const rules = await SessionRule.find({ status: 'active', demo: true, dayTypes: 'weekend' }).lean()
    const halls = new Map(
      (await Hall.find({ _id: { $in: rules.map((r) => r.hallId) } }, 'serviceIds').lean()).map((h) => [String(h._id), h]),
    )
    const cityHall = await Hall.findOne({ type: 'center', regionCode: '140900', demo: true }, '_id').lean()
    const morning = rules.filter((r) => r.start === '09:00')
    const city = morning.filter((r) => cityHall && String(r.hallId) === String(cityHall._id))
    const county = morning.filter((r) => !city.includes(r))
    let person = 0
    for (const [i, date] of pastWeekendDays(today).entries()) {
      const todays = [...city, ...Array.from({ length: Math.min(COUNTY_RULES_PER_DAY, county.length) }, (_, j) => county[(i + j) % county.length])]
      for (const rule of todays) {
        const hall = halls.get(String(rule.hallId))
        const items = (rule.serviceIds.length ? rule.serviceIds : (hall?.serviceIds ?? [])).map(String)
        if (!hall || items.length === 0) continue
        const starts = slotStarts(rule)
        const n = Math.max(1, Math.round(PER_SESSION * (0.5 + random())))
        for (let k = 0; k < n; k++) {
          const user = people[person++ % people.length]
          const start = starts[Math.floor(random() * starts.length)]
          const serviceId = items[Math.floor(random() * items.length)]
          const slotId = slotIdOf(String(rule._id), date, start)
          setNow(new Date(instantOf(addDays(date, -1), '10:00').getTime() + k * 60_000))
          let bookingId: string
          try {
            const placed = await placeBooking({
              bookingId: new mongoose.Types.ObjectId(),
              userId: String(user._id),
              slotId,
              serviceId,
              applicant: { name: user.name!, mobile: `1390350${String(1000 + person).slice(-4)}` },
              note: '示例数据',
              actor: { by: String(user._id), byRole: 'citizen' },
            })
            bookingId = String(placed.booking._id)
          } catch (err) {
            // a full slot or a person's limit: the demo simply has one booking fewer
            logger.debug({ err }, 'demo history: booking skipped')
            continue
          }
          const startAt = instantOf(date, start)
          if (random() < 0.06) {
            setNow(new Date(startAt.getTime() + 2 * 3600_000))
            await markNoShow(adminAuth, bookingId)
            counts.noShow++
            continue
          }
          setNow(new Date(startAt.getTime() - 10 * 60_000))
          await checkInById(adminAuth, bookingId)
          setNow(new Date(startAt.getTime() + 15 * 60_000))
          await serve(adminAuth, bookingId)
          counts.served++
          // most people rate within the day; the rest get the default 基本满意 from the rating job later
          if (random() < 0.85) {
            setNow(new Date(startAt.getTime() + 3 * 3600_000))
            const level = pickLevel(random())
            await createRating(citizenAuth(String(user._id)), { bookingId, level, ...(BAD[level] ?? {}) })
            counts.rated++
          }
        }
      }
    }
    return counts
  } finally {
    setNow(offset === 0 ? undefined : new Date(Date.now() + offset))
  }
}

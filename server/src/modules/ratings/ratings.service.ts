import { Types, type FilterQuery } from 'mongoose'
import { type CreateRating, DEFAULT_RATING_LEVEL, emptyLevels, isBadRating, type LevelCounts, localDate, localDatesBetween, maskName, type MyRating, type Page, type PageQuery, type PublicRating, RATING_WINDOW_DAYS, type RatingSummary, ratingSummary, MAX_STAFF_RATINGS_REGION_DAYS, STAFF_RATINGS_REGION_DAYS, type StaffRatingQuery, addDays, dateRange, regionScopesOf, type StaffRating } from '@xz/shared'
import type { AuthContext } from '../../lib/auth'
import { now } from '../../lib/clock'
import { hallOrRegionFilters } from '../../lib/scope'
import { claimStep } from '../../lib/step-claims'
import { AppError, forbidden, invalidField, isDuplicateKey, notFound } from '../../lib/errors'
import { findOnDates, mapConcurrently } from '../../lib/day-reads'
import { readPage, readPageByDays, readPageOfEach } from '../../lib/paging'
import { User } from '../auth'
import { Booking } from '../bookings'
import { Service } from '../catalogue'
import { type Names, namesOf, openMissingWorkOrders, openWorkOrder, ratingContent, toProgress, workOrdersOfRatings } from '../work-orders'
import { Rating, RatingSweep, type RatingDoc } from './rating.model'
import { ratingKey, ratingWindowClosesAt, raterDisplayName, whyNotRatable } from './ratings.rules'
import { ratingExchangePort } from './ratings.ports'

/** Lists of ratings: newest first. */
const NEWEST_FIRST = { ratedAt: -1, _id: -1 } as const
/** NEWEST_FIRST in memory. */
const newestFirst = (a: RatingDoc, b: RatingDoc) => b.ratedAt.getTime() - a.ratedAt.getTime() || String(b._id).localeCompare(String(a._id))

const NOT_RATABLE_MESSAGES = {
  FORBIDDEN: '只能评价本人的预约',
  NOT_RATABLE: '该预约尚未办结，暂不能评价',
  RATING_WINDOW_CLOSED: `办结已超过 ${RATING_WINDOW_DAYS} 天，评价通道已关闭`,
} as const

// ---------------------------------------------------------------------------------------------
// Rating
// ---------------------------------------------------------------------------------------------

/** `POST /ratings`: 一次一评 of a served booking or 一事一评 of an item guide; a 差评 opens its work order. */
export async function createRating(auth: AuthContext, input: CreateRating): Promise<MyRating> {
  const at = now()
  const doc = input.bookingId ? await windowRating(auth, input.bookingId, at) : await guideRating(auth, input.serviceId!)
  let rating: RatingDoc
  try {
    const created = await Rating.create({
      ...doc,
      userId: auth.sub,
      level: input.level,
      dimensions: input.dimensions ?? {},
      tags: input.tags ?? [],
      comment: input.comment || undefined,
      isDefault: false,
      ratedAt: at,
      ratedDate: localDate(at),
    })
    rating = created.toObject() as RatingDoc
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('RATING_EXISTS', input.bookingId ? '该预约已评价' : '您已评价过该事项')
    throw err
  }
  const order = isBadRating(rating.level) ? await openWorkOrder(rating) : undefined
  await ratingExchangePort.use.rated(rating) // 好差评 exchange (SPEC §2.13)
  const names = await namesOf([rating])
  return { ...toMyRating(rating, names), workOrder: order ? toProgress(order, now()) : undefined }
}

async function windowRating(auth: AuthContext, bookingId: string, at: Date) {
  const booking = await Booking.findById(bookingId).lean()
  if (!booking) throw notFound('预约')
  const why = whyNotRatable(booking, auth.sub, at)
  if (why) throw new AppError(why, NOT_RATABLE_MESSAGES[why])
  const [service, user] = await Promise.all([
    Service.findById(booking.serviceId).select('departmentId').lean(),
    User.findById(auth.sub).select('name').lean(),
  ])
  return {
    key: ratingKey.booking(bookingId),
    kind: 'window' as const,
    raterName: maskName(raterDisplayName(booking.applicant?.name, user?.name)),
    bookingId: booking._id,
    serviceId: booking.serviceId,
    hallId: booking.hallId,
    departmentId: service?.departmentId,
    regionCode: booking.regionCode,
    regionScopes: regionScopesOf(booking.regionCode),
    servedAt: booking.servedAt!,
    serviceDate: localDate(booking.servedAt!),
  }
}

async function guideRating(auth: AuthContext, serviceId: string) {
  const [service, user] = await Promise.all([
    Service.findOne({ _id: serviceId, status: 'active' }).select('departmentId regionCode').lean(),
    User.findById(auth.sub).select('name').lean(),
  ])
  if (!service) throw notFound('事项')
  return {
    key: ratingKey.guide(auth.sub, serviceId),
    kind: 'guide' as const,
    raterName: maskName(raterDisplayName(user?.name)),
    serviceId: service._id,
    departmentId: service.departmentId,
    regionCode: service.regionCode,
    regionScopes: regionScopesOf(service.regionCode),
  }
}

/** 追评: once per rating (claim `append:<ratingId>`), only by its rater, never on a default rating. */
export async function appendRating(auth: AuthContext, id: string, comment: string): Promise<MyRating> {
  const rating = await Rating.findById(id).lean<RatingDoc>()
  if (!rating) throw notFound('评价')
  if (rating.userId.toString() !== auth.sub) throw forbidden('只能追评自己的评价')
  if (rating.isDefault) throw new AppError('INVALID_STATE', '系统默认评价不能追评')
  const append = { comment, at: now() }
  await claimStep({
    key: `append:${rating._id}`,
    by: auth.sub,
    at: append.at,
    changes: { append, appendDate: localDate(append.at) },
    // only while there is none (the one 追评 of a rating)
    write: (changes) => Rating.updateOne({ _id: rating._id, append: { $exists: false } }, { $set: changes }),
    taken: () => new AppError('RATING_EXISTS', '每条评价只能追评一次'),
  })
  await ratingExchangePort.use.appended(rating._id.toString()) // 好差评 exchange (SPEC §2.13)
  return (await myRatingsOf([(await Rating.findById(rating._id).lean<RatingDoc>())!]))[0]
}

// ---------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------


/** What any reader may see of a rating: its content, never who gave it. */
function ratingBody(r: RatingDoc, names: Names) {
  return {
    ...ratingContent(r),
    append: r.append?.at ? { comment: r.append.comment ?? '', at: r.append.at.toISOString() } : undefined,
    isDefault: r.isDefault,
    serviceName: names.services.get(r.serviceId.toString()),
    hallName: r.hallId ? names.halls.get(r.hallId.toString()) : undefined,
  }
}

function toMyRating(r: RatingDoc, names: Names): MyRating {
  return {
    ...ratingBody(r, names),
    id: r._id.toString(),
    bookingId: r.bookingId?.toString(),
    serviceId: r.serviceId.toString(),
    hallId: r.hallId?.toString(),
  }
}

async function myRatingsOf(ratings: RatingDoc[]): Promise<MyRating[]> {
  const [names, orders] = await Promise.all([namesOf(ratings), workOrdersOfRatings(ratings.map((r) => r._id))])
  const at = now()
  return ratings.map((r) => {
    const order = orders.get(r._id.toString())
    return { ...toMyRating(r, names), workOrder: order ? toProgress(order, at) : undefined }
  })
}

/** `GET /ratings/mine`: newest first, each 差评 with the progress of its work order. */
export async function listMyRatings(auth: AuthContext, q: PageQuery): Promise<Page<MyRating>> {
  const filter = { userId: auth.sub }
  const read = await readPage<RatingDoc>(Rating, filter, NEWEST_FIRST, q)
  return read.page(await myRatingsOf(read.rows))
}

/** Ratings actually given (defaults carry no opinion) of an item and/or a point, for everyone to read. */
export async function listPublicRatings(q: PageQuery & { serviceId?: string; hallId?: string }): Promise<Page<PublicRating> & { summary: RatingSummary }> {
  const scope = { ...(q.serviceId ? { serviceId: q.serviceId } : {}), ...(q.hallId ? { hallId: q.hallId } : {}) }
  const filter: FilterQuery<RatingDoc> = { ...scope, isDefault: false }
  const [read, summary] = await Promise.all([readPage<RatingDoc>(Rating, filter, NEWEST_FIRST, q), summaryOf(scope)])
  const names = await namesOf(read.rows)
  return { ...read.page(read.rows.map((r) => ({ ...ratingBody(r, names), raterName: r.raterName }))), summary }
}

/** The ratings of an administrator's whole region, newest first, day by day over the asked (or the default) period. */
async function regionRatingsPage(filter: Record<string, unknown>, q: StaffRatingQuery) {
  const today = localDate(now())
  const to = q.to ?? today
  const from = q.from ?? addDays(to, -(STAFF_RATINGS_REGION_DAYS - 1))
  if (addDays(from, MAX_STAFF_RATINGS_REGION_DAYS) <= to) {
    throw invalidField('to', `不指定网点时，查询范围不能超过 ${MAX_STAFF_RATINGS_REGION_DAYS} 天`)
  }
  const { ratedDate: _period, ...rest } = filter
  return readPageByDays<RatingDoc>(Rating, 'ratedDate', dateRange(from, to).reverse(), today, rest, NEWEST_FIRST, q)
}

/** `GET /staff/ratings`: the ratings of the caller's points (administrators: of their region), raters masked. */
export async function listStaffRatings(auth: AuthContext, q: StaffRatingQuery): Promise<Page<StaffRating>> {
  const period = q.from || q.to ? { ratedDate: { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) } } : {}
  const filters = hallOrRegionFilters(auth, q.hallId, '无权查看其他网点的评价').map((f) => ({ ...f, ...(q.level ? { level: q.level } : {}), ...period }))
  const regionWide = filters.length === 1 && !('hallId' in filters[0])
  // a point's (or each point's) ratings: an equality on hallId; a whole region (regionScopes, an array, which the
  // embedded database cannot search in SQL): day by day over a bounded period, through ratedDate
  const { rows, page } = regionWide ? await regionRatingsPage(filters[0], q) : await readPageOfEach<RatingDoc>(Rating, filters, NEWEST_FIRST, newestFirst, q)
  const [names, orders] = await Promise.all([namesOf(rows), workOrdersOfRatings(rows.map((r) => r._id))])
  const items = rows.map((r) => ({
    ...ratingBody(r, names),
    id: r._id.toString(),
    serviceId: r.serviceId.toString(),
    hallId: r.hallId?.toString(),
    raterName: r.raterName,
    workOrderId: orders.get(r._id.toString())?._id.toString(),
  }))
  return page(items)
}

// ---------------------------------------------------------------------------------------------
// Summaries (GET /services/:id, points)
// ---------------------------------------------------------------------------------------------

async function summaryOf(scope: { serviceId?: string; hallId?: string }): Promise<RatingSummary> {
  const match: Record<string, Types.ObjectId> = {}
  if (scope.serviceId) match.serviceId = new Types.ObjectId(scope.serviceId)
  if (scope.hallId) match.hallId = new Types.ObjectId(scope.hallId)
  const rows = await Rating.aggregate<{ _id: number; n: number }>([{ $match: match }, { $group: { _id: '$level', n: { $sum: 1 } } }])
  const levels: LevelCounts = emptyLevels()
  for (const r of rows) if (String(r._id) in levels) levels[String(r._id) as keyof LevelCounts] = r.n
  return ratingSummary(levels)
}

/** `{count, goodRate, average, levels}` of an item (every rating of it, defaults included). */
export function serviceRatingSummary(serviceId: string): Promise<RatingSummary> {
  return summaryOf({ serviceId })
}

/** `{count, goodRate, average, levels}` of a service point. */
export function hallRatingSummary(hallId: string): Promise<RatingSummary> {
  return summaryOf({ hallId })
}

// ---------------------------------------------------------------------------------------------
// Background: default ratings, missing work orders
// ---------------------------------------------------------------------------------------------

/** First pass looks this far back; later passes resume from their mark with this much overlap. */
const DAY_MS = 24 * 60 * 60 * 1000
const FIRST_LOOKBACK_MS = 30 * DAY_MS
const OVERLAP_MS = 60 * 60 * 1000

/**
 * Runs `work` over the period since the sweep's last mark (with overlap) up to `until`, then moves the mark.
 * Several processes may run the same period: the work itself must be idempotent (unique keys).
 */
async function sweep(name: string, until: Date, work: (since: Date, until: Date) => Promise<number>): Promise<number> {
  const mark = await RatingSweep.findById(name).lean()
  // (after a downtime longer than the first look-back, no further back than it)
  const since = new Date(Math.max(mark ? Math.min(mark.until.getTime(), until.getTime()) - OVERLAP_MS : 0, until.getTime() - FIRST_LOOKBACK_MS))
  const done = await work(since, until)
  try {
    await RatingSweep.updateOne({ _id: name }, { $set: { until } }, { upsert: true })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err // another process created the mark at the same moment
  }
  return done
}

interface ServedBooking {
  _id: Types.ObjectId
  userId: Types.ObjectId
  serviceId: Types.ObjectId
  hallId: Types.ObjectId
  regionCode: string
  servedAt?: Date
  applicant?: { name?: string }
}

/**
 * Records the default 基本满意 (`isDefault: true`) for each booking served more than 7 days ago without a rating.
 * The default takes the booking's rating key, so it is stored once whatever the number of processes, and a real
 * rating and a default of the same booking can never both exist. Returns how many were recorded.
 */
export async function recordDefaultRatings(): Promise<number> {
  const cutoff = new Date(now().getTime() - RATING_WINDOW_DAYS * 24 * 60 * 60 * 1000)
  return sweep('default-ratings', cutoff, async (since, until) => {
    // served on the slot's date or just after its midnight: the bookings of those dates, read date by date (an
    // equality on `date`), and each one's rating by its key (both searched in SQL on the embedded database)
    const bookings = await findOnDates<ServedBooking>(
      Booking,
      'date',
      localDatesBetween(new Date(since.getTime() - DAY_MS), until),
      { status: 'served', servedAt: { $gte: since, $lt: until } },
      '_id userId serviceId hallId regionCode servedAt applicant',
    )
    if (bookings.length === 0) return 0
    const rated = await mapConcurrently(bookings, 16, (b) => Rating.exists({ key: ratingKey.booking(b._id.toString()) }))
    const todo = bookings.filter((_, i) => !rated[i])
    const services = await mapConcurrently([...new Set(todo.map((b) => b.serviceId.toString()))], 16, (id) =>
      Service.findById(id).select('departmentId').lean(),
    )
    const departmentOf = new Map(services.flatMap((s) => (s ? [[s._id.toString(), s.departmentId] as const] : [])))
    let recorded = 0
    for (const b of todo) {
      const ratedAt = ratingWindowClosesAt(b.servedAt!)
      try {
        await Rating.create({
          key: ratingKey.booking(b._id.toString()),
          kind: 'window',
          userId: b.userId,
          raterName: maskName(raterDisplayName(b.applicant?.name)),
          bookingId: b._id,
          serviceId: b.serviceId,
          hallId: b.hallId,
          departmentId: departmentOf.get(b.serviceId.toString()),
          regionCode: b.regionCode,
          regionScopes: regionScopesOf(b.regionCode),
          level: DEFAULT_RATING_LEVEL,
          isDefault: true,
          servedAt: b.servedAt,
          serviceDate: localDate(b.servedAt!),
          ratedAt,
          ratedDate: localDate(ratedAt),
        }).then((d) => ratingExchangePort.use.rated(d.toObject() as RatingDoc)) // 好差评 exchange (SPEC §2.13)
        recorded++
      } catch (err) {
        if (!isDuplicateKey(err)) throw err // rated (or defaulted by another process) meanwhile
      }
    }
    return recorded
  })
}

/**
 * The ratings made in [since, until) (and matching `filter`), read day by day by `ratedDate` (searched in SQL on the
 * embedded database): a repair's period is an hour or two, never the whole collection.
 */
export function ratingsRatedBetween(since: Date, until: Date, filter: Record<string, unknown> = {}): Promise<RatingDoc[]> {
  return findOnDates<RatingDoc>(Rating, 'ratedDate', localDatesBetween(since, until), { ratedAt: { $gte: since, $lt: until }, ...filter })
}

/** The ratings given a 追评 in [since, until), read day by day by `appendDate` (searched in SQL). */
export function ratingsAppendedBetween(since: Date, until: Date): Promise<RatingDoc[]> {
  return findOnDates<RatingDoc>(Rating, 'appendDate', localDatesBetween(since, until), { 'append.at': { $gte: since, $lt: until } })
}

/** Opens the work orders of 差评 stored by requests that died before opening them. */
export async function repairWorkOrders(): Promise<number> {
  return sweep('work-orders', now(), async (since, until) => {
    const bad = await ratingsRatedBetween(since, until, { level: { $lte: 2 } })
    return openMissingWorkOrders(bad)
  })
}

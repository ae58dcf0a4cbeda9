import crypto from 'node:crypto'
import os from 'node:os'
import {
  CONTENT_TYPES,
  dateRange,
  daysBetween,
  localDate,
  type ExchangeExportQuery,
  type ExchangeKind,
  type ExchangeQueueItem,
  type ExchangeRecord,
  type IdentityType,
} from '@xz/shared'
import { config } from '../../config'
import { now } from '../../lib/clock'
import { AppError, invalidField, isDuplicateKey, notFound } from '../../lib/errors'
import { logger } from '../../lib/logger'
import type { FileContent } from '../../lib/routes'
import { Booking } from '../bookings'
import { Department, Service } from '../catalogue'
import { Rating, type RatingDoc, ratingsAppendedBetween, ratingsRatedBetween } from '../ratings'
import type { WorkOrderDoc } from '../work-orders'
import { pushRecord } from './exchange.client'
import { minimiseName, toNational, toProvincial } from './exchange.mappers'
import { ExchangeLease, ExchangeLog, ExchangeMark, ExchangeQueue } from './exchange.model'

const PUSHER_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`
/** Records pushed per pass and process (the rest wait for the next pass). */
const BATCH = 50
const MAX_BACKOFF_MS = 6 * 3600_000
export const MAX_EXPORT_DAYS = 31

// ---------------------------------------------------------------------------------------------
// Enqueue (the hooks in ratings and work orders call these after their own write)
// ---------------------------------------------------------------------------------------------

/**
 * Stores a record for the exchange: once per record id whatever the number of processes (unique `_id`), into the
 * outbox when an endpoint is configured and always into the log the export reads. Never throws: the rating it
 * reports is already stored, and an exchange problem must not turn the citizen's request into an error.
 */
export async function enqueue(record: ExchangeRecord): Promise<void> {
  try {
    const at = new Date(record.at)
    if (config().EXCHANGE_ENDPOINT) {
      await ignoreDuplicate(
        ExchangeQueue.create({ _id: record.id, kind: record.kind, ratingId: record.ratingId, seq: at.getTime(), record, nextAt: at, createdAt: now() }),
      )
    }
    await ignoreDuplicate(ExchangeLog.create({ _id: record.id, day: localDate(at), record }))
  } catch (err) {
    logger.warn({ err, id: record.id }, 'exchange: could not enqueue record')
  }
}

async function ignoreDuplicate(p: Promise<unknown>): Promise<void> {
  try {
    await p
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
  }
}

/** The canonical record of a rating (or of an event on it), minimised as the configured profile allows. */
async function recordOf(rating: RatingDoc, kind: ExchangeKind, id: string, at: Date, extra: Partial<ExchangeRecord> = {}): Promise<ExchangeRecord> {
  const [booking, service, department] = await Promise.all([
    rating.bookingId ? Booking.findById(rating.bookingId).select('code applicant enterprise').lean() : null,
    Service.findById(rating.serviceId).select('code name').lean(),
    rating.departmentId ? Department.findById(rating.departmentId).select('name').lean() : null,
  ])
  const enterprise = booking?.enterprise?.name
  const identity: IdentityType = enterprise ? 'legal_person' : 'natural_person'
  // an enterprise is no personal data; a person's name is kept only as far as the profile may receive it
  const name = enterprise ?? minimiseName(booking?.applicant?.name ?? rating.raterName, config().exchangeProfile)
  return {
    id,
    kind,
    ratingId: rating._id.toString(),
    caseNo: booking?.code ?? rating._id.toString(),
    channel: rating.isDefault ? 'system' : 'mobile',
    rater: { identity, name },
    at: at.toISOString(),
    count: kind === 'append' || rating.append ? 2 : 1,
    level: rating.level,
    isDefault: Boolean(rating.isDefault),
    tags: rating.tags ?? [],
    ...(rating.comment ? { text: rating.comment } : {}),
    regionCode: rating.regionCode,
    serviceCode: service?.code ?? '',
    serviceName: service?.name ?? '',
    ...(rating.departmentId ? { departmentId: rating.departmentId.toString() } : {}),
    ...(department?.name ? { departmentName: department.name } : {}),
    ...extra,
  }
}

/** A new rating (given, or the default 基本满意). */
export async function enqueueRating(rating: RatingDoc): Promise<void> {
  await safely(async () => enqueue(await recordOf(rating, 'rating', `rating-${rating._id}`, new Date(rating.ratedAt))))
}

/** A 追评 (the rating as stored after the append). */
export async function enqueueAppend(ratingId: string): Promise<void> {
  await safely(async () => {
    const rating = await Rating.findById(ratingId).lean<RatingDoc>()
    if (!rating?.append) return
    const at = new Date(rating.append.at!)
    await enqueue(await recordOf(rating, 'append', `append-${rating._id}`, at, rating.append.comment ? { text: rating.append.comment } : {}))
  })
}

/** A work-order outcome: the 整改答复 or the rater's 回访. */
export async function enqueueOutcome(order: Pick<WorkOrderDoc, '_id' | 'ratingId'>, kind: 'reply' | 'revisit', outcome: { reply?: string; satisfaction?: string }): Promise<void> {
  await safely(async () => {
    const rating = await Rating.findById(order.ratingId).lean<RatingDoc>()
    if (!rating) return
    await enqueue(await recordOf(rating, kind, `${kind}-${order._id}`, now(), { outcome }))
  })
}

async function safely(fn: () => Promise<void>): Promise<void> {
  try {
    await fn()
  } catch (err) {
    logger.warn({ err }, 'exchange: could not build record')
  }
}

/** Each repair pass re-checks this much before its last mark (requests in flight at the mark). */
const REPAIR_OVERLAP_MS = 60 * 60 * 1000

/**
 * Background repair (like the work-order repair of ratings): enqueues the rating and 追评 records of requests that
 * died between their write and the enqueue. Looks at the ratings and appends since the last mark (with overlap),
 * checks each record by `_id`; enqueueing is idempotent, so several processes may run it. Returns how many it added.
 */
export async function repairExchange(): Promise<number> {
  const until = now()
  const mark = await ExchangeMark.findById('repair').lean()
  // (after a long downtime, a month back at most: the period is read day by day)
  const since = new Date(Math.max((mark ? new Date(mark.until).getTime() : until.getTime()) - REPAIR_OVERLAP_MS, until.getTime() - 30 * 24 * REPAIR_OVERLAP_MS))
  const [rated, appended] = await Promise.all([ratingsRatedBetween(since, until), ratingsAppendedBetween(since, until)])
  let added = 0
  for (const r of rated) {
    if (!(await ExchangeLog.exists({ _id: `rating-${r._id}` }))) {
      await enqueueRating(r)
      added++
    }
  }
  for (const r of appended) {
    if (!(await ExchangeLog.exists({ _id: `append-${r._id}` }))) {
      await enqueueAppend(r._id.toString())
      added++
    }
  }
  await ExchangeMark.updateOne({ _id: 'repair' }, { $set: { until } }, { upsert: true }).catch((err: unknown) => {
    if (!isDuplicateKey(err)) throw err // another process created the mark at the same moment
  })
  return added
}

// ---------------------------------------------------------------------------------------------
// Push (a background job in every process; leases keep one pusher per record at a time)
// ---------------------------------------------------------------------------------------------

interface QueueDoc {
  _id: string
  kind: ExchangeKind
  ratingId: string
  seq: number
  record: ExchangeRecord
  status: 'pending' | 'dead'
  attempts: number
  nextAt: Date
  lastError?: string
  leaseSeq?: number
  createdAt: Date
}

export interface PushStats {
  delivered: number
  failed: number
  dead: number
}

/**
 * One pass: for each rating, only its earliest undelivered record is eligible (in order per record); a record is
 * pushed by the process that wins its lease. Without a configured endpoint nothing is pushed (use the export).
 */
export async function pushDue(): Promise<PushStats> {
  const stats: PushStats = { delivered: 0, failed: 0, dead: 0 }
  const c = config()
  if (!c.EXCHANGE_ENDPOINT) return stats
  // the outbox holds only undelivered records (see the model): reading it whole is bounded by the backlog
  const items = await ExchangeQueue.find().select('-record').lean<QueueDoc[]>()
  const first = new Map<string, QueueDoc>()
  for (const it of items) {
    const cur = first.get(it.ratingId)
    if (!cur || it.seq < cur.seq || (it.seq === cur.seq && it._id < cur._id)) first.set(it.ratingId, it)
  }
  const t = now().getTime()
  const due = [...first.values()]
    .filter((it) => it.status === 'pending' && new Date(it.nextAt).getTime() <= t)
    .sort((a, b) => a.seq - b.seq)
    .slice(0, BATCH)
  for (const it of due) {
    const outcome = await attempt(it)
    if (outcome) stats[outcome]++
  }
  return stats
}

async function attempt(hint: QueueDoc): Promise<keyof PushStats | undefined> {
  const c = config()
  const lease = await acquireLease(hint, c.EXCHANGE_LEASE_MS)
  if (!lease) return undefined
  // re-read under the lease: another process may have delivered (and removed) it since the list was read
  const item = await ExchangeQueue.findById(hint._id).lean<QueueDoc>()
  if (!item || item.status !== 'pending') {
    await ExchangeLease.deleteOne({ _id: lease.id })
    return undefined
  }
  const log = await ExchangeLog.findById(item._id).select('deliveredAt').lean()
  if (log?.deliveredAt) {
    // delivered by a process that died before removing it from the outbox
    await finish(item)
    return undefined
  }
  // push only while the lease leaves room for the whole request and its bookkeeping (a slow database must not let
  // the lease run out mid-push, or another process would push the same record again)
  if (now().getTime() + c.EXCHANGE_TIMEOUT_MS * 1.5 > lease.until) {
    await ExchangeLease.updateOne({ _id: lease.id }, { $set: { until: now() } })
    return undefined
  }
  const result = await pushRecord(c.EXCHANGE_ENDPOINT!, c.EXCHANGE_TOKEN, item._id, toProvincial(item.record, c.exchangeProfile), c.EXCHANGE_TIMEOUT_MS)
  const attempts = item.attempts + 1
  if (result.ok) {
    await ExchangeLog.updateOne(
      { _id: item._id },
      { $set: { deliveredAt: now(), attempts, day: localDate(new Date(item.record.at)), record: item.record } },
      { upsert: true },
    )
    await finish(item)
    return 'delivered'
  }
  const dead = !result.retry || attempts >= c.EXCHANGE_MAX_ATTEMPTS
  const backoff = Math.min(c.EXCHANGE_BACKOFF_MS * 2 ** (attempts - 1), MAX_BACKOFF_MS)
  await ExchangeQueue.updateOne(
    { _id: item._id },
    { $set: { attempts, lastError: result.error, status: dead ? 'dead' : 'pending', nextAt: new Date(now().getTime() + backoff) } },
  )
  await ExchangeLease.updateOne({ _id: lease.id }, { $set: { until: now() } }) // released: the next attempt may be taken
  logger.warn({ id: item._id, attempts, error: result.error, dead }, 'exchange: push failed')
  return dead ? 'dead' : 'failed'
}

/** Claims the next free lease number of a record; undefined when another live pusher holds it. */
async function acquireLease(item: QueueDoc, leaseMs: number): Promise<{ id: string; until: number } | undefined> {
  let n = item.leaseSeq ?? 0
  for (let i = 0; i < 100; i++, n++) {
    const id = `${item._id}#${n}`
    const held = await ExchangeLease.findById(id).lean()
    if (held) {
      if (new Date(held.until).getTime() > now().getTime()) return undefined
      continue // expired or released: try the next number
    }
    const until = now().getTime() + leaseMs
    try {
      await ExchangeLease.create({ _id: id, recordId: item._id, by: PUSHER_ID, until: new Date(until) })
    } catch (err) {
      if (isDuplicateKey(err)) return undefined // another process won this number
      throw err
    }
    await ExchangeQueue.updateOne({ _id: item._id }, { $set: { leaseSeq: n } })
    return { id, until }
  }
  return undefined
}

async function finish(item: QueueDoc): Promise<void> {
  await ExchangeQueue.deleteOne({ _id: item._id })
  // by the record, not by lease numbers: `leaseSeq` is a hint that a concurrent update of the queue item may lose
  await ExchangeLease.deleteMany({ recordId: item._id })
}

// ---------------------------------------------------------------------------------------------
// Administrators: overview, dead letters, re-push, export
// ---------------------------------------------------------------------------------------------

function toItem(q: QueueDoc): ExchangeQueueItem {
  return {
    id: q._id,
    kind: q.kind,
    ratingId: q.ratingId,
    status: q.status,
    attempts: q.attempts,
    nextAt: new Date(q.nextAt).toISOString(),
    ...(q.lastError ? { lastError: q.lastError } : {}),
    at: q.record.at,
    caseNo: q.record.caseNo,
    serviceName: q.record.serviceName,
    level: q.record.level,
  }
}

export async function overview() {
  const c = config()
  const items = await ExchangeQueue.find().lean<QueueDoc[]>() // bounded: the backlog and the dead letters
  const dead = items.filter((i) => i.status === 'dead').sort((a, b) => a.seq - b.seq)
  return {
    endpointConfigured: Boolean(c.EXCHANGE_ENDPOINT),
    profile: c.exchangeProfile.name,
    pending: items.length - dead.length,
    dead: dead.map(toItem),
  }
}

/** One-tap re-push of a dead letter: back to pending, due now, attempts reset. */
export async function repush(id: string): Promise<ExchangeQueueItem> {
  const item = await ExchangeQueue.findById(id).lean<QueueDoc>()
  if (!item) throw notFound('推送记录')
  if (item.status !== 'dead') throw new AppError('INVALID_STATE', '该记录正在推送中，无需重推')
  await ExchangeQueue.updateOne({ _id: id }, { $set: { status: 'pending', attempts: 0, nextAt: now() } })
  return toItem((await ExchangeQueue.findById(id).lean<QueueDoc>())!)
}

const CSV_ESCAPE = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v)
  // a leading = + - @ would be run as a formula by a spreadsheet
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The records of a period (by local day of the event) as JSON lines or CSV, in the national or provincial field set. */
export async function exportPeriod(q: ExchangeExportQuery): Promise<FileContent> {
  if (q.to < q.from) throw invalidField('to', '结束日期不能早于开始日期')
  if (daysBetween(q.from, q.to) >= MAX_EXPORT_DAYS) throw invalidField('to', `一次最多导出 ${MAX_EXPORT_DAYS} 天`)
  const profile = config().exchangeProfile
  const rows: Record<string, unknown>[] = []
  for (const day of dateRange(q.from, q.to)) {
    const logs = await ExchangeLog.find({ day }).lean<{ _id: string; record: ExchangeRecord }[]>()
    logs.sort((a, b) => (a.record.at < b.record.at ? -1 : a.record.at > b.record.at ? 1 : a._id < b._id ? -1 : 1))
    for (const l of logs) {
      const mapped = q.scheme === 'national' ? toNational(l.record) : toProvincial(l.record, profile)
      rows.push({ recordId: l._id, ...mapped })
    }
  }
  const filename = `haochaping-${q.scheme}-${q.from}-${q.to}.${q.format}`
  if (q.format === 'jsonl') {
    return { filename, contentType: CONTENT_TYPES.ndjson, data: rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '') }
  }
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  if (columns.length === 0) columns.push('recordId')
  const lines = [columns.map(CSV_ESCAPE).join(','), ...rows.map((r) => columns.map((c) => CSV_ESCAPE(r[c])).join(','))]
  // BOM so that spreadsheet software reads the Chinese headers as UTF-8
  return { filename, contentType: CONTENT_TYPES.csv, data: '\uFEFF' + lines.join('\r\n') + '\r\n' }
}

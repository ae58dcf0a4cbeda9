/**
 * Claim primitives: capacity and the per-person limits are held by documents with deterministic unique
 * `_id`s (inserting a taken one fails with 11000), never by read-then-write checks or counters.
 */
import crypto from 'node:crypto'
import { now, sleep } from '../../lib/clock'
import { AppError, isDuplicateKey } from '../../lib/errors'
import { ACTIVE_CLAIM_NUMBERS, activeClaimId, parseSeatClaimId, quotaClaimId, seatClaimId } from './bookings.rules'
import { type mongo, Types } from 'mongoose'
import { BookingClaim, type BookingClaimLean, BookingLock, SlotOccupancy } from './claim.model'
import type { ObjectId } from '../../lib/db'
import { GROUP_MAX_IDS, GroupReads } from '../../lib/group-reads'
import { CommandGroup } from '../../lib/command-group'
import { GroupWrites, OrderedGroupInserts } from '../../lib/group-writes'


export interface ClaimOwner {
  bookingId: ObjectId
  userId: ObjectId
}

/**
 * Claims are written through the driver, not as mongoose documents: they are the busiest writes of a burst, and
 * their few fields are built here with the types the model declares (`BookingClaimLean`; the claim tests read them
 * back through the model).
 */
const claims = () => BookingClaim.collection as unknown as mongo.Collection<BookingClaimLean>

/** The claims of new bookings (quota, place, seat), grouped under load into one ordered command. */
const claimRuns = new OrderedGroupInserts(() => BookingClaim)

/** Inserts a claim; false when its `_id` is taken. */
async function tryClaim(doc: Omit<BookingClaimLean, 'at'>): Promise<boolean> {
  try {
    await claims().insertOne({ ...doc, at: now() })
    return true
  } catch (err) {
    if (isDuplicateKey(err)) return false
    throw err
  }
}

const alreadyBooked = () => new AppError('ALREADY_BOOKED', '您当天已预约过该事项，请勿重复预约')
const limitReached = () => new AppError('BOOKING_LIMIT', `每人最多同时持有 ${ACTIVE_CLAIM_NUMBERS.length} 个有效预约`)
type ClaimDoc = Omit<BookingClaimLean, 'at'>
const quotaDoc = (owner: ClaimOwner, date: string, serviceId: string): ClaimDoc => ({ _id: quotaClaimId(String(owner.userId), date, serviceId), kind: 'quota', ...owner, date })
const activeDoc = (owner: ClaimOwner, k: number): ClaimDoc => ({ _id: activeClaimId(String(owner.userId), k), kind: 'active', ...owner })
const objectId = (id: ObjectId | string) => (typeof id === 'string' ? new Types.ObjectId(id) : id)
const seatDoc = (owner: ClaimOwner, ref: SeatRef, seatNo: number): ClaimDoc => ({
  _id: seatClaimId(ref.slotId, seatNo),
  kind: 'seat',
  ...owner,
  slotId: ref.slotId,
  hallId: objectId(ref.hallId),
  date: ref.date,
  seatNo,
})

/** One active booking per person, item and day. */
export async function claimQuota(owner: ClaimOwner, date: string, serviceId: string): Promise<string> {
  const doc = quotaDoc(owner, date, serviceId)
  if (await tryClaim(doc)) return doc._id
  throw alreadyBooked()
}

/** One of the person's three active-booking places (from place `from` on). */
export async function claimActivePlace(owner: ClaimOwner, from = 1): Promise<string> {
  for (const k of ACTIVE_CLAIM_NUMBERS.filter((n) => n >= from)) {
    const doc = activeDoc(owner, k)
    if (await tryClaim(doc)) return doc._id
  }
  throw limitReached()
}

/**
 * A new booking's claims — its quota, an active place and a seat — in one ordered insert, one round trip for the
 * usual case where all three keys are free (and under load one command for several bookings). Ordered, the insert stops at the first taken key, so the checks keep
 * their order and a refused request never holds what comes after its refusal: a taken quota claims nothing, a taken
 * first place is followed by the next places one by one, a taken seat by the other candidates (`claimSeat`). Every
 * claim taken is pushed to `held` at once, so that the caller releases them if anything fails later.
 */
export async function claimForBooking(
  owner: ClaimOwner,
  serviceId: string,
  ref: SeatRef,
  candidates: readonly number[],
  held: string[],
): Promise<{ claimId: string; seatNo: number; hint: Promise<void> }> {
  const first = shuffled(candidates)[0]
  const docs = [quotaDoc(owner, ref.date, serviceId), activeDoc(owner, ACTIVE_CLAIM_NUMBERS[0])]
  if (first !== undefined) docs.push(seatDoc(owner, ref, first))
  // ordered: a taken key stops the insert there (grouped with other bookings' claims under load, each run keeping
  // that meaning: lib/group-writes OrderedGroupInserts)
  const at = now()
  const stoppedAt = await claimRuns.insert(docs.map((d) => ({ ...d, at })))
  held.push(...docs.slice(0, stoppedAt).map((d) => d._id))
  if (stoppedAt === 0) throw alreadyBooked()
  if (stoppedAt === 1) held.push(await claimActivePlace(owner, ACTIVE_CLAIM_NUMBERS[1]))
  if (stoppedAt === docs.length && first !== undefined) return seatTaken(ref, first)
  // the first seat was taken meanwhile (or never tried): the other candidates, then an exact probe
  const seat = await claimSeat(owner, ref, candidates, stoppedAt === 2 && first !== undefined ? [first] : [])
  held.push(seat.claimId)
  return seat
}

export interface SeatRef {
  slotId: string
  hallId: ObjectId | string
  date: string
  capacity: number
}

const seatNumbers = (capacity: number) => Array.from({ length: capacity }, (_, i) => i + 1)

/**
 * Seat numbers 1..capacity of a slot that are free right now: exact, one read of the seats' claims by `_id`
 * (an `$in` of at most a slot's capacity, served by the `_id` index: FerretDB patch 05).
 */
export async function probeFreeSeats(slotId: string, capacity: number): Promise<number[]> {
  const ids = seatNumbers(capacity).map((n) => seatClaimId(slotId, n))
  const held = new Set((await claims().find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray()).map((c) => c._id))
  return seatNumbers(capacity).filter((n, i) => !held.has(ids[i]))
}

/** Seats 1..capacity of one slot that are held (exact). */
export async function seatsHeld(slotId: string, capacity: number): Promise<number> {
  return capacity - (await probeFreeSeats(slotId, capacity)).length
}

// ---------------------------------------------------------------------------------------------
// Occupancy hint: one document per slot listing the seats believed taken, so that a booking reads one
// document instead of probing every seat. It only guides which seats to try: the seat claims decide.
// Concurrent $addToSet/$pull may lose an update on the embedded database, so "full" is only believed
// when an exact probe said so within the last second and nothing changed since (every claim and release
// clears `verifiedAt`); otherwise the seats are probed and the hint reset.
// ---------------------------------------------------------------------------------------------
const HINT_TRUST_MS = 1000

/** Hint writes of all slots, grouped: under load one `update` command carries many (lib/group-writes). */
const hintReads = new GroupReads<{ taken?: number[]; verifiedAt?: Date }>(() => SlotOccupancy, { taken: 1, verifiedAt: 1 })
const hintWrites = new GroupWrites(() => SlotOccupancy, { raw: true })

async function writeHint(ref: SeatRef, update: Record<string, unknown>): Promise<void> {
  const doUpdate = () =>
    hintWrites.write({
      // (raw: written as built, with the schema's types: the point's id as an ObjectId)
      updateOne: { filter: { _id: ref.slotId }, update: { ...update, $setOnInsert: { hallId: objectId(ref.hallId), date: ref.date } }, upsert: true },
    })
  try {
    await doUpdate()
  } catch (err) {
    // two first writers raced on the upsert: the document exists now
    if (!isDuplicateKey(err)) throw err
    await doUpdate()
  }
}

async function probeAndRecord(ref: SeatRef): Promise<number[]> {
  const free = await probeFreeSeats(ref.slotId, ref.capacity)
  const taken = seatNumbers(ref.capacity).filter((n) => !free.includes(n))
  await writeHint(ref, { $set: { taken, verifiedAt: now() } })
  return free
}

/**
 * The seats worth trying, from the slot's occupancy hint; when the hint shows no free seat (and no exact
 * probe confirmed that in the last second) the seats are probed exactly. Empty = the slot is full.
 * `exact` always probes (a waitlist promotion must not miss a seat that has just been freed).
 */
export async function seatCandidates(ref: SeatRef, opts: { exact?: boolean } = {}): Promise<number[]> {
  if (opts.exact) return probeAndRecord(ref)
  const hint = await hintReads.read(ref.slotId)
  const taken = new Set(hint?.taken ?? [])
  const free = seatNumbers(ref.capacity).filter((n) => !taken.has(n))
  if (free.length > 0) return free
  if (hint?.verifiedAt && now().getTime() - hint.verifiedAt.getTime() < HINT_TRUST_MS) return []
  return probeAndRecord(ref)
}

/** A seat just claimed: its occupancy hint is written while the caller goes on (it awaits `hint` before answering). */
function seatTaken(ref: SeatRef, seatNo: number): { claimId: string; seatNo: number; hint: Promise<void> } {
  const hint = writeHint(ref, { $addToSet: { taken: seatNo }, $unset: { verifiedAt: '' } })
  hint.catch(() => undefined)
  return { claimId: seatClaimId(ref.slotId, seatNo), seatNo, hint }
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/**
 * A seat of the slot: the candidates first, in random order so that parallel requests spread out; if the
 * hint was stale and they are all taken, the seats are probed exactly and the rest tried. The unique
 * `_id` insert decides. SLOT_FULL when none is left.
 */
export async function claimSeat(
  owner: ClaimOwner,
  ref: SeatRef,
  candidates: readonly number[],
  alreadyTried: readonly number[] = [],
): Promise<{ claimId: string; seatNo: number; hint: Promise<void> }> {
  const tried = new Set<number>(alreadyTried)
  for (const round of [() => Promise.resolve(candidates), () => probeAndRecord(ref)]) {
    for (const seatNo of shuffled((await round()).filter((n) => !tried.has(n)))) {
      tried.add(seatNo)
      if (await tryClaim(seatDoc(owner, ref, seatNo))) return seatTaken(ref, seatNo)
    }
  }
  throw new AppError('SLOT_FULL', '该时段已约满，可加入候补')
}

/** Releases claims by `_id` and owner: a claim taken over by another booking is never touched. */
export async function releaseClaims(bookingId: ObjectId | string, claimIds: readonly string[]): Promise<void> {
  await Promise.all(
    claimIds.map(async (_id) => {
      const res = await BookingClaim.deleteOne({ _id, bookingId })
      const seat = parseSeatClaimId(_id)
      if (res.deletedCount === 1 && seat) {
        await SlotOccupancy.updateOne({ _id: seat.slotId }, { $pull: { taken: seat.seatNo }, $unset: { verifiedAt: '' } })
      }
    }),
  )
}

/** Seats believed taken per slot of a point, from the occupancy hints (for listings; bookings check exactly). */
export async function seatsTakenBySlot(hallId: ObjectId | string): Promise<Map<string, number[]>> {
  const rows = await SlotOccupancy.find({ hallId }).select('taken').lean<{ _id: string; taken?: number[] }[]>()
  return new Map(rows.map((r) => [r._id, r.taken ?? []]))
}

// ---------------------------------------------------------------------------------------------
// Per-booking operation lock
// ---------------------------------------------------------------------------------------------
export interface HeldLock {
  bookingId: string
  token: string
}

/**
 * Locks taken by all operations of this process, grouped (lib/group-writes): under load one command carries many,
 * each still its own statement (a taken `_id` fails only its own insert). Releases: `LockReleases` below.
 */
const lockWrites = new GroupWrites(() => BookingLock, { raw: true }) // (built here: a string `_id`, strings, a date)

/** Takes the booking's operation lock; undefined when another operation holds it. */
export async function tryLock(bookingId: ObjectId | string, op: string): Promise<HeldLock | undefined> {
  const lock = { bookingId: String(bookingId), token: crypto.randomBytes(8).toString('hex') }
  try {
    await lockWrites.write({ insertOne: { document: { _id: lock.bookingId, op, token: lock.token, at: now() } } })
    return lock
  } catch (err) {
    if (isDuplicateKey(err)) return undefined
    throw err
  }
}


export async function unlock(lock: HeldLock): Promise<void> {
  await lockReleases.release(lock)
}

/**
 * Lock releases of all operations, merged into one statement: the embedded database runs each statement of a `delete`
 * command in a transaction of its own (one commit each, and every write of the database waits for commits in turn),
 * so the releases queued while one is on its way leave as a single `deleteMany` naming the locks by `_id` (searched
 * through the `_id` index, FerretDB patch 05) and by their holders' exact pairs (`$or` of `_id` and token), which
 * deletes a lock only for its holder, as `deleteOne({ _id, token })` did.
 */
class LockReleases extends CommandGroup<{ lock: HeldLock; done: (err?: unknown) => void }> {
  release(lock: HeldLock): Promise<void> {
    return new Promise((resolve, reject) => this.enqueue({ lock, done: (err) => (err ? reject(err) : resolve()) }))
  }

  protected next() {
    return this.queue.splice(0, GROUP_MAX_IDS)
  }

  protected async send(batch: { lock: HeldLock; done: (err?: unknown) => void }[]): Promise<void> {
    const locks = batch.map((b) => b.lock)
    const filter = { _id: { $in: locks.map((l) => l.bookingId) }, $or: locks.map((l) => ({ _id: l.bookingId, token: l.token })) }
    const err = await BookingLock.collection.deleteMany(filter as never).then(() => undefined, (e: unknown) => e ?? new Error('delete failed'))
    for (const b of batch) b.done(err)
  }
}
const lockReleases = new LockReleases()


/**
 * Runs `fn` holding the booking's lock, waiting up to `waitMs` for it; 409 CONFLICT when it stays busy.
 * `fn` must undo its own claims before throwing an AppError; after any other error the lock stays.
 */
export async function withBookingLock<T>(bookingId: ObjectId | string, op: string, fn: () => Promise<T>, waitMs = 3000): Promise<T> {
  const deadline = Date.now() + waitMs
  let lock = await tryLock(bookingId, op)
  while (!lock && Date.now() < deadline) {
    await sleep(25 + Math.random() * 50)
    lock = await tryLock(bookingId, op)
  }
  if (!lock) throw new AppError('CONFLICT', '该预约正在处理中，请稍后再试')
  let clean = false
  try {
    const result = await fn()
    clean = true
    return result
  } catch (err) {
    // a refused operation (AppError) has undone its claims; anything else may have stopped half-way
    clean = err instanceof AppError
    throw err
  } finally {
    // a lock left in place is found by the repair job, which reconciles the booking's claims
    if (clean) await unlock(lock).catch(() => undefined)
  }
}

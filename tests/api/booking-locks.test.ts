/**
 * The per-booking operation lock (bookings/claims.ts): a taken lock refuses a second holder, a release deletes the
 * lock only for its holder, and releases queued together leave as one delete statement (the embedded database commits
 * each statement of a command on its own).
 */
import { Types } from 'mongoose'
import { BookingLock } from '../../server/src/modules/bookings/claim.model'
import { tryLock, unlock, withBookingLock } from '../../server/src/modules/bookings/claims'
import { recording, useTestDb } from '../helpers/db'

useTestDb({ monitorCommands: true })

const ids = (n: number) => Array.from({ length: n }, () => new Types.ObjectId())

describe('booking locks', () => {
  it('when a lock is held, then a second tryLock is refused, and after the release it can be taken again', async () => {
    const [id] = ids(1)
    const lock = await tryLock(id, 'create')
    expect(lock).toBeDefined()
    expect(await tryLock(id, 'cancel')).toBeUndefined()
    await unlock(lock!)
    expect(await BookingLock.countDocuments({ _id: String(id) })).toBe(0)
    const again = await tryLock(id, 'cancel')
    expect(again).toBeDefined()
    await unlock(again!)
  })

  it('when 60 locks are released at once, then all are gone in a few delete statements, and a lock taken over by another holder stays', async () => {
    const locks = await Promise.all(ids(60).map((id) => tryLock(id, 'create')))
    expect(locks.every(Boolean)).toBe(true)
    // the 60th lock was taken over meanwhile (its first holder's operation counted as dead): the old release must not touch it
    const stale = locks[59]!
    await BookingLock.deleteOne({ _id: stale.bookingId })
    const taker = await tryLock(stale.bookingId, 'repair')
    const { commands } = await recording(() => Promise.all(locks.map((l) => unlock(l!))))
    const deletes = commands.filter((c) => c.name === 'delete' && c.collection === 'bookinglocks')
    const statements = deletes.flatMap((c) => c.command.deletes as unknown[])
    expect(statements.length).toBeLessThanOrEqual(3)
    expect(await BookingLock.countDocuments({ _id: { $in: locks.slice(0, 59).map((l) => l!.bookingId) } })).toBe(0)
    expect(await BookingLock.findById(stale.bookingId).lean()).toMatchObject({ token: taker!.token, op: 'repair' })
    await unlock(taker!)
    expect(await BookingLock.countDocuments()).toBe(0)
  })

  it('when the work under the lock is refused (an AppError), then the lock is released; after any other error it stays for the repair', async () => {
    const [a, b] = ids(2)
    const { AppError } = await import('../../server/src/lib/errors')
    await expect(withBookingLock(a, 'cancel', async () => Promise.reject(new AppError('CONFLICT', 'x')))).rejects.toThrow('x')
    expect(await BookingLock.countDocuments({ _id: String(a) })).toBe(0)
    await expect(withBookingLock(b, 'cancel', async () => Promise.reject(new Error('crash')))).rejects.toThrow('crash')
    expect(await BookingLock.countDocuments({ _id: String(b) })).toBe(1)
  })
})

/**
 * On the embedded database only the indexes it can use are kept (lib/db.ts `usedByEmbeddedDb`): FerretDB v1 never
 * reads an index other than `_id` and (patched) `*_pushdown`, but maintains every index on every write. Unique
 * indexes stay for what they enforce. (On MongoDB every index is made: tests/db/explain.test.ts.)
 */
import mongoose, { Schema } from 'mongoose'
import { ensureIndexes, usedByEmbeddedDb } from '../../server/src/lib/db'
import { Booking } from '../../server/src/modules/bookings/booking.model'
import { useTestDb } from '../helpers/db'

const schema = new Schema({ u: String, p: String, q: String, r: Number })
schema.index({ u: 1 }, { unique: true })
schema.index({ p: 1, r: 1 }, { name: 'p_1_r_1_pushdown' })
schema.index({ q: 1 })
schema.index({ q: 1, r: -1 })
const Indexed = mongoose.model('EiIndexed', schema)

useTestDb()

const names = async (model: mongoose.Model<any>) => ((await model.collection.indexes()) as { name: string }[]).map((i) => i.name).sort()

describe('indexes on the embedded database', () => {
  it('keeps the unique and *_pushdown indexes and drops the ones it never reads, also when an earlier version made them', async () => {
    await Indexed.collection.createIndex({ q: 1 }) // as an earlier version made it
    expect(await names(Indexed)).toContain('q_1')
    await ensureIndexes()
    expect(await names(Indexed)).toEqual(['_id_', 'p_1_r_1_pushdown', 'u_1'])
    await Indexed.create({ u: 'a', p: 'x', q: 'y', r: 1 })
    await expect(Indexed.create({ u: 'a', p: 'z' })).rejects.toMatchObject({ code: 11000 })
    expect(await Indexed.countDocuments({ p: 'x' })).toBe(1)
    expect(await Indexed.countDocuments({ q: 'y' })).toBe(1) // a query without its index still answers (by a scan)
  })

  it('gives the bookings their unique and pushed-down indexes only', async () => {
    expect(await names(Booking)).toEqual([
      '_id_',
      'code_1_pushdown',
      'date_1_regionCode_1_pushdown',
      'hallDay_1_startAt_1_pushdown',
      'slotId_1_status_1_pushdown',
      'userId_1_status_1_pushdown',
    ])
    // the model still declares the others, for MongoDB
    expect(Booking.schema.indexes().filter(([, o]) => !usedByEmbeddedDb(o)).map(([k]) => Object.keys(k).join())).toEqual(['userId,startAt', 'status,startAt', 'holdsClaims,status'])
  })
})

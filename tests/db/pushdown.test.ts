/**
 * Database contract for the patched embedded database (server/embedded-db/patches):
 *  - `_id` lookups use the `_id` index, so they stay flat as a collection grows;
 *  - equality on the first field of an index named `*_pushdown` is searched in SQL (also flat), and returns
 *    exactly what MongoDB semantics give (the same results as the same query without the pushdown index).
 * Timings are compared within one run (best of three rounds), never against absolute numbers.
 */
import mongoose, { Schema, Types } from 'mongoose'
import { useTestDb } from '../helpers/db'

const Plain = mongoose.model('PdPlain', new Schema({ _id: String, n: Number }))

const rowSchema = () => new Schema({ _id: String, userId: String, ownerId: Schema.Types.ObjectId, v: Number, tags: [String] })
const pushed = rowSchema()
pushed.index({ userId: 1, v: 1 }, { name: 'userId_1_v_1_pushdown' })
pushed.index({ ownerId: 1 }, { name: 'ownerId_1_pushdown' })
const Pushed = mongoose.model('PdPushed', pushed)
const Unpushed = mongoose.model('PdUnpushed', rowSchema())

useTestDb()

async function insertBatches(total: number, make: (i: number) => object, model: mongoose.Model<any>, from = 0) {
  for (let i = from; i < total; i += 5000) {
    const docs = Array.from({ length: Math.min(5000, total - i) }, (_, k) => make(i + k))
    await model.collection.insertMany(docs as never[], { ordered: false })
  }
}

async function bestOf3(fn: () => Promise<void>): Promise<number> {
  let best = Infinity
  for (let r = 0; r < 3; r++) {
    const t = performance.now()
    await fn()
    best = Math.min(best, performance.now() - t)
  }
  return best
}

const plainDoc = (i: number) => ({ _id: `doc:${i}`, n: i })
const owners = Array.from({ length: 50 }, () => new Types.ObjectId())
const row = (i: number) => ({ _id: `r${i}`, userId: `u${i % 1000}`, ownerId: owners[i % 50], v: i % 20, tags: [`t${i % 3}`] })

describe('patched embedded database: _id lookups', () => {
  it('when the collection grows from 1,000 to 50,000 documents, 200 lookups by _id take less than twice as long', async () => {
    await insertBatches(1000, plainDoc, Plain)
    const lookups = async (size: number) => {
      for (let k = 0; k < 200; k++) {
        const id = `doc:${(k * 7919) % size}`
        const doc = await Plain.findById(id).lean()
        if (doc?.n !== Number(id.slice(4))) throw new Error(`lookup of ${id} failed`)
      }
    }
    const small = await bestOf3(() => lookups(1000))
    await insertBatches(50_000, plainDoc, Plain, 1000)
    expect(await Plain.estimatedDocumentCount()).toBe(50_000)
    const large = await bestOf3(() => lookups(50_000))
    // unpatched FerretDB scans the table: ~40× slower at 50,000 documents (notes/embedded-db.md)
    expect(large).toBeLessThan(2 * small + 20)
    // update and delete by _id keep working (and hit the same index)
    await Plain.updateOne({ _id: 'doc:49999' }, { $set: { n: -1 } })
    expect((await Plain.findById('doc:49999').lean())?.n).toBe(-1)
    await Plain.deleteOne({ _id: 'doc:49998' })
    expect(await Plain.findById('doc:49998').lean()).toBeNull()
    await expect(Plain.create({ _id: 'doc:1', n: 1 })).rejects.toMatchObject({ code: 11000 })
  }, 180_000)
})

describe('patched embedded database: equality pushdown on *_pushdown indexes', () => {
  beforeAll(async () => {
    await insertBatches(1000, row, Pushed)
    await insertBatches(1000, row, Unpushed)
  })

  const queries: Array<[string, (m: mongoose.Model<any>) => Promise<unknown>]> = [
    ['find by a string field', (m) => m.find({ userId: 'u7' }).sort({ _id: 1 }).lean()],
    ['with more conditions and a sort', (m) => m.find({ userId: 'u7', v: { $gte: 5 } }).sort({ v: -1, _id: 1 }).lean()],
    ['find by an ObjectId field', (m) => m.find({ ownerId: owners[3] }).sort({ _id: 1 }).limit(7).lean()],
    ['count', (m) => m.countDocuments({ ownerId: owners[5], v: 5 })],
    ['a value that matches nothing', (m) => m.find({ userId: 'nobody' }).lean()],
    ['$in (not pushed down)', (m) => m.find({ userId: { $in: ['u1', 'u2'] } }).sort({ _id: 1 }).lean()],
    ['$eq operator (not pushed down)', (m) => m.find({ userId: { $eq: 'u3' } }).sort({ _id: 1 }).lean()],
    ['$or (not pushed down)', (m) => m.find({ $or: [{ userId: 'u4' }, { v: 19 }] }).countDocuments()],
    ['a string that looks like an ObjectId', (m) => m.find({ userId: String(owners[1]) }).lean()],
  ]

  it.each(queries)('%s: the same results with and without the pushdown index', async (_name, q) => {
    const strip = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown
    expect(strip(await q(Pushed))).toEqual(strip(await q(Unpushed)))
    expect(JSON.stringify(await q(Pushed)).length).toBeGreaterThan(0)
  })

  it('updates and deletes through the pushed-down field like MongoDB', async () => {
    for (const m of [Pushed, Unpushed]) {
      await m.updateMany({ userId: 'u9' }, { $inc: { v: 100 } })
      await m.deleteMany({ userId: 'u10', v: 10 })
    }
    const a = await Pushed.find({ userId: { $in: ['u9', 'u10'] } }).sort({ _id: 1 }).lean()
    const b = await Unpushed.find({ userId: { $in: ['u9', 'u10'] } }).sort({ _id: 1 }).lean()
    expect(a.map((d) => [d.userId, d.v])).toEqual(b.map((d) => [d.userId, d.v]))
    expect(a.some((d) => (d.v ?? 0) >= 100)).toBe(true)
  })

  it('when the collection grows from 1,000 to 50,000 documents, 100 queries by the field take less than twice as long', async () => {
    const run = async () => {
      for (let k = 0; k < 100; k++) {
        const docs = await Pushed.find({ userId: `u${(k * 37) % 1000}` }).lean()
        if (docs.length === 0) throw new Error('no match')
      }
    }
    const small = await bestOf3(run)
    // the collection grows with other users' documents: each user's own list stays the same size
    await insertBatches(50_000, (i) => ({ ...row(i), userId: `other${i % 5000}` }), Pushed, 1000)
    const large = await bestOf3(run)
    // unpatched: every query reads the whole table (~1.9 s at 50,000 documents, notes/embedded-db.md)
    expect(large).toBeLessThan(2 * small + 20)
  }, 180_000)
})

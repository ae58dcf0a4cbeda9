/**
 * Database contract: every MongoDB operation the project relies on, run against the embedded server
 * (FerretDB 1.24.2 on SQLite). The executable version of notes/embedded-db.md.
 */
import mongoose, { Schema } from 'mongoose'
import { useTestDb } from '../helpers/db'

const Claim = mongoose.model('ContractClaim', new Schema({ _id: String, owner: String }))
const pairSchema = new Schema({ a: String, b: Number, note: String })
pairSchema.index({ a: 1, b: 1 }, { unique: true })
const Pair = mongoose.model('ContractPair', pairSchema)
const Author = mongoose.model('ContractAuthor', new Schema({ name: String }))
const Post = mongoose.model(
  'ContractPost',
  new Schema({ title: String, author: { type: Schema.Types.ObjectId, ref: 'ContractAuthor' }, rank: Number, group: String, at: Date }),
)

useTestDb()

describe('database contract (embedded FerretDB)', () => {
  it('when 50 inserts of the same _id race, then exactly one wins and 49 fail with code 11000', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => Claim.create({ _id: 'slot#1', owner: `u${i}` })),
    )
    const ok = results.filter((r) => r.status === 'fulfilled')
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(ok).toHaveLength(1)
    expect(failed).toHaveLength(49)
    expect(failed.every((r) => r.reason.code === 11000)).toBe(true)
    expect(await Claim.countDocuments({ _id: 'slot#1' })).toBe(1)
  })

  it('when a compound unique key repeats, then the insert fails with 11000 and other combinations pass', async () => {
    await Pair.create({ a: 'x', b: 1 })
    await Pair.create({ a: 'x', b: 2 })
    await Pair.create({ a: 'y', b: 1 })
    await expect(Pair.create({ a: 'x', b: 1 })).rejects.toMatchObject({ code: 11000 })
    const indexes = await Pair.collection.indexes()
    expect(indexes.some((i) => i.unique && i.key.a === 1 && i.key.b === 1)).toBe(true)
  })

  it('when an upsert collides on a unique key, then it reports 11000', async () => {
    await Claim.create({ _id: 'upsert#1', owner: 'a' })
    // the filter does not match (other owner), so the upsert inserts the same _id and collides
    await expect(
      Claim.updateOne({ _id: 'upsert#1', owner: 'b' }, { $set: { owner: 'b' } }, { upsert: true }),
    ).rejects.toMatchObject({ code: 11000 })
    expect((await Claim.findById('upsert#1').lean())?.owner).toBe('a')
  })

  it('populates references with separate queries', async () => {
    const author = await Author.create({ name: '王晓明' })
    await Post.create({ title: '营业执照办理指南', author: author._id, rank: 1, group: 'a', at: new Date() })
    const post = await Post.findOne({ title: '营业执照办理指南' }).populate<{ author: { name: string } }>('author')
    expect(post?.author.name).toBe('王晓明')
  })

  it('matches Chinese text with $regex and the i flag', async () => {
    await Post.create([
      { title: '营业执照遗失补领', rank: 2, group: 'b' },
      { title: 'YYZZ 营业执照变更', rank: 3, group: 'b' },
      { title: '不动产登记', rank: 4, group: 'c' },
    ])
    const hits = await Post.find({ title: { $regex: '营业执照', $options: 'i' } }).lean()
    expect(hits.map((h) => h.title).sort()).toEqual(['YYZZ 营业执照变更', '营业执照办理指南', '营业执照遗失补领'].sort())
    const ci = await Post.find({ title: { $regex: 'yyzz', $options: 'i' } }).lean()
    expect(ci.map((h) => h.title)).toEqual(['YYZZ 营业执照变更'])
  })

  it('sorts on several keys with skip and limit, counts and distinct', async () => {
    await Post.create([
      { title: 's1', group: 'z', rank: 3 },
      { title: 's2', group: 'z', rank: 1 },
      { title: 's3', group: 'y', rank: 2 },
      { title: 's4', group: 'y', rank: 9 },
    ])
    const page = await Post.find({ title: /^s\d$/ }).sort({ group: 1, rank: -1 }).skip(1).limit(2).lean()
    expect(page.map((p) => p.title)).toEqual(['s3', 's1'])
    expect(await Post.countDocuments({ group: { $in: ['y', 'z'] } })).toBe(4)
    expect((await Post.distinct('group', { title: /^s/ })).sort()).toEqual(['y', 'z'])
  })

  // FerretDB 1.24 computes a field $sum as 0 when the same $group also has a $sum: 1 accumulator, so the project
  // counts with {$sum: 1} alone (grouping by the value when it needs totals) and never mixes the two.
  it('groups with $sum (the only accumulator the embedded database has), one accumulator per $group', async () => {
    await Post.create([
      { title: 'g1', group: 'G1', rank: 5 },
      { title: 'g2', group: 'G1', rank: 4 },
      { title: 'g3', group: 'G2', rank: 1 },
    ])
    const match = { $match: { group: { $in: ['G1', 'G2'] } } }
    const counts = await Post.aggregate([match, { $group: { _id: '$group', n: { $sum: 1 } } }, { $sort: { _id: 1 } }])
    expect(counts).toEqual([
      { _id: 'G1', n: 2 },
      { _id: 'G2', n: 1 },
    ])
    const totals = await Post.aggregate([match, { $group: { _id: '$group', total: { $sum: '$rank' } } }, { $sort: { _id: 1 } }])
    expect(totals).toEqual([
      { _id: 'G1', total: 9 },
      { _id: 'G2', total: 1 },
    ])
    const byValue = await Post.aggregate([
      match,
      { $group: { _id: { group: '$group', rank: '$rank' }, n: { $sum: 1 } } },
      { $sort: { '_id.group': 1, '_id.rank': 1 } },
    ])
    expect(byValue).toEqual([
      { _id: { group: 'G1', rank: 4 }, n: 1 },
      { _id: { group: 'G1', rank: 5 }, n: 1 },
      { _id: { group: 'G2', rank: 1 }, n: 1 },
    ])
  })

  it('round-trips dates in UTC to the millisecond', async () => {
    const at = new Date('2026-10-01T01:30:15.123Z')
    const p = await Post.create({ title: 'date', at })
    const back = await Post.findById(p._id).lean()
    expect(back?.at?.toISOString()).toBe('2026-10-01T01:30:15.123Z')
    const inRange = await Post.find({ at: { $gte: new Date('2026-10-01T00:00:00Z'), $lt: new Date('2026-10-02T00:00:00Z') } })
    expect(inRange).toHaveLength(1)
  })

  it('applies $set, $inc, $push, $addToSet, $pull and $unset', async () => {
    const coll = mongoose.connection.collection<{ _id: string; n?: number; s?: string; tags: string[] }>('contract_updates')
    await coll.insertOne({ _id: 'u1', n: 1, tags: ['a'] })
    await coll.updateOne({ _id: 'u1' }, { $inc: { n: 2 }, $set: { s: '是' }, $push: { tags: 'b' } })
    await coll.updateOne({ _id: 'u1' }, { $addToSet: { tags: 'a' }, $unset: { s: '' } })
    await coll.updateOne({ _id: 'u1' }, { $pull: { tags: 'a' } })
    expect(await coll.findOne({ _id: 'u1' })).toEqual({ _id: 'u1', n: 3, tags: ['b'] })
  })

  it('deletes a claim only when it still matches (release by _id and owner)', async () => {
    await Claim.create({ _id: 'release#1', owner: 'a' })
    expect((await Claim.deleteOne({ _id: 'release#1', owner: 'b' })).deletedCount).toBe(0)
    expect((await Claim.deleteOne({ _id: 'release#1', owner: 'a' })).deletedCount).toBe(1)
  })

  it('reports that the server is FerretDB (so the notes about its limits apply)', async () => {
    const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 })
    // embedded builds report "unknown": FerretDB's version.txt is generated and not in the module zip
    if (!process.env.TEST_MONGODB_URI) expect(info).toHaveProperty('ferretdbVersion')
    else expect(info.version).toBeDefined()
  })
})

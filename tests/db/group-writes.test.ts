/**
 * Group commit (server/src/lib/group-writes.ts) on the real database: writes queued while one is on its way go
 * together, each statement keeps its own filter and its own outcome, and nothing is lost or written twice.
 */
import mongoose, { Schema } from 'mongoose'
import { GROUP_MAX_RUN_DOCUMENTS, GROUP_MAX_STATEMENTS, GroupWrites, OrderedGroupInserts } from '../../server/src/lib/group-writes'
import { isDuplicateKey } from '../../server/src/lib/errors'
import { recording, useTestDb } from '../helpers/db'

const Probe = mongoose.model('GroupWriteProbe', new Schema({ _id: String, n: Number, tags: [Number] }, { versionKey: false }))

useTestDb({ monitorCommands: true })

describe('group writes', () => {
  it('when 100 inserts are queued at once, then all 100 are written in far fewer than 100 commands', async () => {
    const writes = new GroupWrites(() => Probe)
    const { commands: all } = await recording(() => Promise.all(Array.from({ length: 100 }, (_, i) => writes.write({ insertOne: { document: { _id: `a${i}`, n: i } } }))))
    const commands = all.filter((c) => c.name === 'insert' && c.collection === Probe.collection.name).length
    expect(await Probe.countDocuments({ _id: { $regex: '^a' } })).toBe(100)
    expect(commands).toBeGreaterThanOrEqual(Math.ceil(99 / GROUP_MAX_STATEMENTS))
    // the first alone, the rest in groups of at most GROUP_MAX_STATEMENTS (at most a straggler)
    expect(commands).toBeLessThanOrEqual(2 + Math.ceil(99 / GROUP_MAX_STATEMENTS))
  })

  it('when one update command carries 250 statements, then it completes and the database keeps answering (FerretDB patch 03)', async () => {
    // unpatched, each statement's SQL connection stayed checked out until the command ended: past the pool's 100 the
    // command waited for itself, and every later request to the database waited behind it
    // (statements that match a document: a statement whose query ran to its end released its connection anyway)
    await Probe.collection.insertMany(Array.from({ length: 250 }, (_, i) => ({ _id: `u${i}` as never, n: 0 })))
    const res = await Probe.collection.bulkWrite(
      Array.from({ length: 250 }, (_, i) => ({ updateOne: { filter: { _id: `u${i}` as never }, update: { $set: { n: i } } } })),
      { ordered: false },
    )
    expect(res.matchedCount).toBe(250)
    expect(res.modifiedCount).toBe(249)
    expect(await Probe.countDocuments({ _id: { $regex: '^u' }, n: { $gt: 0 } })).toBe(249)
    expect(await Probe.findById('u249').lean()).toMatchObject({ n: 249 })
  })

  it('when one insert of a group hits a taken _id, then only that one fails (11000) and the others are written', async () => {
    const writes = new GroupWrites(() => Probe)
    await Probe.create({ _id: 'taken', n: 0 })
    const results = await Promise.allSettled(
      ['b1', 'taken', 'b2', 'b3'].map((id) => writes.write({ insertOne: { document: { _id: id, n: 1 } } })),
    )
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
    expect(isDuplicateKey((results[1] as PromiseRejectedResult).reason)).toBe(true)
    expect((await Probe.findById('taken').lean())!.n).toBe(0)
    expect(await Probe.countDocuments({ _id: { $in: ['b1', 'b2', 'b3'] } })).toBe(3)
  })

  it('when updates and deletes of one group name different documents, then each applies to its own document only', async () => {
    const writes = new GroupWrites(() => Probe)
    await Probe.insertMany([{ _id: 'c1', n: 1, tags: [] }, { _id: 'c2', n: 2, tags: [] }, { _id: 'c3', n: 3, tags: [] }])
    await Promise.all([
      writes.write({ updateOne: { filter: { _id: 'c1' }, update: { $addToSet: { tags: 7 } } } }),
      writes.write({ updateOne: { filter: { _id: 'c2', n: 99 }, update: { $set: { n: 0 } } } }), // no match: unchanged
      writes.write({ deleteOne: { filter: { _id: 'c3', n: 3 } } }),
      writes.write({ updateOne: { filter: { _id: 'c4' }, update: { $setOnInsert: { n: 4 } }, upsert: true } }),
    ])
    const docs = await Probe.find({ _id: { $in: ['c1', 'c2', 'c3', 'c4'] } }).sort({ _id: 1 }).lean()
    expect(docs.map((d) => [d._id, d.n, d.tags])).toEqual([
      ['c1', 1, [7]],
      ['c2', 2, []],
      ['c4', 4, undefined], // (an upsert writes what it is told: no defaults)
    ])
  })

  it('when a statement cannot be cast, then its write is rejected and nothing of it is written (never a silent skip)', async () => {
    const writes = new GroupWrites(() => Probe)
    await Probe.create({ _id: 'd2', n: 2 })
    const result = await writes.write({ updateOne: { filter: { _id: 'd2' }, update: { $set: { n: 'not a number' } } } }).then(
      () => 'written',
      (err: Error) => err.name,
    )
    expect(result).not.toBe('written')
    expect((await Probe.findById('d2').lean())!.n).toBe(2)
  })
})

describe('ordered group inserts', () => {
  const Run = mongoose.model('OrderedRunProbe', new Schema({ _id: String, k: String }, { versionKey: false }))
  const run = (p: string) => [{ _id: `${p}:quota`, k: 'quota' }, { _id: `${p}:place`, k: 'place' }, { _id: `${p}:seat`, k: 'seat' }]

  it('when 30 runs of three are queued at once, then all are written in far fewer than 30 commands', async () => {
    const runs = new OrderedGroupInserts(() => Run)
    const { result: written, commands } = await recording(() => Promise.all(Array.from({ length: 30 }, (_, i) => runs.insert(run(`r${i}`)))))
    const counter = { n: commands.filter((c) => c.name === 'insert' && c.collection === Run.collection.name).length }
    expect(written).toEqual(Array(30).fill(3))
    expect(await Run.countDocuments({ _id: { $regex: '^r\\d+:' } })).toBe(90)
    expect(counter.n).toBeLessThanOrEqual(2 + Math.ceil(29 / Math.floor(GROUP_MAX_RUN_DOCUMENTS / 3)))
  })

  it('when a run meets a taken _id, then it is written up to it, the runs before whole, and the runs after are sent again and written', async () => {
    await Run.create([{ _id: 'b:place', k: 'taken' }, { _id: 'd:quota', k: 'taken' }])
    const runs = new OrderedGroupInserts(() => Run)
    const written = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((p) => runs.insert(run(p))))
    expect(written).toEqual([3, 1, 3, 0, 3])
    const ids = (await Run.find({ _id: { $regex: '^[a-e]:' } }).lean()).map((d) => d._id).sort()
    // b stopped at its place (its seat never written), d at its quota (nothing of it written)
    expect(ids).toEqual(['a:place', 'a:quota', 'a:seat', 'b:place', 'b:quota', 'c:place', 'c:quota', 'c:seat', 'd:quota', 'e:place', 'e:quota', 'e:seat'])
    expect((await Run.findById('b:place').lean())!.k).toBe('taken')
  })

  it('when the command fails for another reason, then every run of that command is rejected, and later runs are written', async () => {
    const runs = new OrderedGroupInserts(() => Run)
    // the first run leaves alone; the next two wait for it and go together, one of them a document the server refuses
    // (a field name starting with $)
    const results = await Promise.allSettled([runs.insert(run('f')), runs.insert([{ _id: 'g:quota', $bad: 1 } as never]), runs.insert(run('h'))])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected'])
    expect(await runs.insert(run('i'))).toBe(3)
  })
})

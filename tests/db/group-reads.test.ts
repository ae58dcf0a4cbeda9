/**
 * Grouped reads by `_id` (server/src/lib/group-reads.ts) on the real database: reads asked while one is on its way go
 * together in one `find` by `$in`, each gets its own document (or null), none is answered from a command sent before
 * it was asked, and an id of the wrong shape fails only its own read.
 */
import mongoose, { Schema, Types } from 'mongoose'
import { findByIds } from '../../server/src/lib/db'
import { GROUP_MAX_IDS, GroupReads } from '../../server/src/lib/group-reads'
import { recording, useTestDb } from '../helpers/db'

const Note = mongoose.model('GroupReadNote', new Schema({ _id: String, n: Number, secret: String }, { versionKey: false }))
const Owner = mongoose.model('GroupReadOwner', new Schema({ n: Number }, { versionKey: false }))

useTestDb({ monitorCommands: true })

beforeAll(async () => {
  await Note.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: `n${i}`, n: i, secret: `s${i}` })))
})

describe('group reads', () => {
  it('when 250 reads are asked at once, then each gets its own document in a few commands of at most GROUP_MAX_IDS ids', async () => {
    const reads = new GroupReads<{ _id: string; n: number }>(() => Note, { n: 1 })
    const ids = Array.from({ length: 250 }, (_, i) => `n${(i * 7) % 300}`)
    const { result: docs, commands: all } = await recording(() => Promise.all(ids.map((id) => reads.read(id))))
    const commands = all.filter((c) => c.name === 'find' && c.collection === Note.collection.name).map((c) => c.command as { filter: { _id: { $in?: unknown[] } } })
    expect(docs.map((d) => d?._id)).toEqual(ids)
    expect(docs.map((d) => d?.n)).toEqual(ids.map((id) => Number(id.slice(1))))
    // the projection holds: fields not asked for are not read
    expect(docs.every((d) => d && !('secret' in d))).toBe(true)
    // the first alone, the rest grouped
    expect(commands.length).toBeLessThanOrEqual(2 + Math.ceil(249 / GROUP_MAX_IDS))
    expect(commands.length).toBeGreaterThanOrEqual(Math.ceil(249 / GROUP_MAX_IDS))
    expect(Math.max(...commands.map((c) => c.filter._id.$in?.length ?? 1))).toBeLessThanOrEqual(GROUP_MAX_IDS)
  })

  it('when a missing id and a repeated id are asked, then the missing one gets null and the repeated ones one document', async () => {
    const reads = new GroupReads<{ _id: string; n: number }>(() => Note)
    const [a, missing, b, exists, gone] = await Promise.all([reads.read('n1'), reads.read('nope'), reads.read('n1'), reads.exists('n2'), reads.exists('nope')])
    expect(a).toMatchObject({ _id: 'n1', n: 1 })
    expect(b).toEqual(a)
    expect(missing).toBeNull()
    expect([exists, gone]).toEqual([true, false])
  })

  it('when a write completes while a read is on its way, then a read asked after the write sees it', async () => {
    const reads = new GroupReads<{ _id: string; n: number }>(() => Note, { n: 1 })
    const first = reads.read('n5') // on its way
    await Note.updateOne({ _id: 'n5' }, { $set: { n: 500 } })
    const second = reads.read('n5') // asked after the write: waits for the next command
    expect((await second)?.n).toBe(500)
    expect([5, 500]).toContain((await first)?.n)
  })

  it('when an id cannot be cast, then only its own read fails and the others of its group are answered', async () => {
    const [doc] = await Owner.insertMany([{ n: 7 }])
    const reads = new GroupReads<{ _id: Types.ObjectId; n: number }>(() => Owner)
    const results = await Promise.allSettled([reads.read(String(doc._id)), reads.read('not-an-object-id'), reads.read(doc._id), reads.read(new Types.ObjectId())])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
    expect((results[0] as PromiseFulfilledResult<{ n: number }>).value.n).toBe(7)
    expect((results[2] as PromiseFulfilledResult<{ n: number }>).value.n).toBe(7)
    expect((results[3] as PromiseFulfilledResult<unknown>).value).toBeNull()
  })

  it('when a command fails, then every read of that command fails, and a later read is sent again', async () => {
    // a projection mixing inclusion and exclusion is refused, for every read it is sent with
    const bad = new GroupReads<{ _id: string }>(() => Note, { n: 1, secret: 0 })
    const failed = await Promise.allSettled([bad.read('n1'), bad.read('n2')])
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    await expect(bad.read('n4')).rejects.toBeDefined()
    const good = new GroupReads<{ _id: string }>(() => Note, { n: 1 })
    expect(await good.read('n3')).toMatchObject({ _id: 'n3' })
  })
})

describe('findByIds', () => {
  it('when ids are asked for, then the documents come in their order (null where there is none), read by one $in per thousand', async () => {
    const ids = ['n9', 'nope', 'n2', 'n9', ...Array.from({ length: 1100 }, (_, i) => `x${i}`)]
    const { result, commands } = await recording(() => findByIds<{ _id: string; n: number }>(Note, ids, 'n'))
    expect(result.slice(0, 4).map((d) => d?._id ?? null)).toEqual(['n9', null, 'n2', 'n9'])
    expect(result.slice(4).every((d) => d === null)).toBe(true)
    const finds = commands.filter((c) => c.name === 'find' && c.collection === Note.collection.name)
    expect(finds.map((c) => (c.command.filter as { _id: { $in: unknown[] } })._id.$in.length)).toEqual([1000, 103])
  })
})

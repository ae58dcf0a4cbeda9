/**
 * The patches that make the embedded database cheaper per document (server/embedded-db/patches 06–08) change how
 * it works, never what it answers:
 *  - 06, the single-pass decoder of stored documents: FerretDB's own sjson tests and our differential test
 *    (server/embedded-db/testdata/sjson_fast_test.go: random and mutated documents decoded both ways) pass inside a
 *    patched copy of FerretDB; and the built binary, asked to decode every document both ways
 *    (EMBEDDED_DB_SJSON_VERIFY), takes the fast path for what the application stores and finds no difference;
 *  - 07, no lifetime tracking in release builds: the binary's profiler lists none of FerretDB's tracking profiles;
 *  - 08, projection without deep copies: projected fields come back in the document's order with their values;
 *  - 09, no query log formatting unless debug: with the debug log on, every statement is still logged.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Binary, BSON, BSONRegExp, Double, Int32, Long, MongoClient, ObjectId, Timestamp } from 'mongodb'
import mongoose, { Schema } from 'mongoose'
import { EMBEDDED_PATCHES, EMBEDDED_SRC, ensureEmbeddedBinary, freeTcpPort, waitForPort } from '../../server/src/lib/embedded-db'
import { applyPatches, readPatches } from '../../server/src/lib/embedded-db-patch'
import { useTestDb } from '../helpers/db'
import { ferretDbSource } from '../helpers/ferretdb-source'

const Projected = mongoose.model('SpProjected', new Schema({ _id: String }, { strict: false }))

useTestDb()

interface RunningBinary {
  client: MongoClient
  stderr(): string
  stop(): Promise<void>
}

/** The built binary on a fresh data folder and a free port, with extra environment variables. */
async function startBinary(env: Record<string, string>): Promise<RunningBinary> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-speed-patches-'))
  const port = await freeTcpPort()
  const child: ChildProcess = spawn(ensureEmbeddedBinary(() => undefined), ['-listen', `127.0.0.1:${port}`, '-dir', dir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  await waitForPort('127.0.0.1', port)
  const client = await new MongoClient(`mongodb://127.0.0.1:${port}/verify?directConnection=true&retryWrites=false`).connect()
  return {
    client,
    stderr: () => stderr,
    async stop() {
      await client.close()
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

describe('patch 06: the single-pass decoder', () => {
  it("passes FerretDB's sjson tests and the differential test inside a patched copy of FerretDB", () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-ferret-test-'))
    try {
      fs.cpSync(ferretDbSource(), work, { recursive: true })
      fs.chmodSync(work, 0o755)
      for (const dir of ['internal/handler/sjson', 'internal/handler/common', 'internal/util/resource']) fs.chmodSync(path.join(work, dir), 0o755)
      fs.mkdirSync(path.join(work, '.git')) // FerretDB's test helpers look for the repository root
      applyPatches(work, readPatches(EMBEDDED_PATCHES))
      fs.copyFileSync(path.join(EMBEDDED_SRC, 'testdata', 'sjson_fast_test.go'), path.join(work, 'internal/handler/sjson/sjson_fast_test.go'))
      const res = spawnSync('go', ['test', '-count=1', '-v', '-run', '.', './internal/handler/sjson/', './internal/handler/common/'], {
        cwd: work,
        encoding: 'utf8',
        env: { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
        maxBuffer: 64 * 1024 * 1024,
      })
      const out = `${res.stdout}\n${res.stderr}`
      expect({ status: res.status, tail: out.slice(-3000) }).toMatchObject({ status: 0 })
      expect(out).toMatch(/--- PASS: TestFastDecodeMatchesOriginal/)
      expect(out).toMatch(/^ok\s+github\.com\/FerretDB\/FerretDB\/internal\/handler\/sjson/m)
    } finally {
      spawnSync('chmod', ['-R', 'u+w', work]) // (copied from the read-only module cache)
      fs.rmSync(work, { recursive: true, force: true })
    }
  }, 300_000)

  describe('the built binary, decoding every document both ways', () => {
    let db: RunningBinary
    let client: MongoClient
    let pprofPort = 0
    const stderr = () => db.stderr()

    beforeAll(async () => {
      pprofPort = await freeTcpPort()
      db = await startBinary({ EMBEDDED_DB_SJSON_VERIFY: '1', EMBEDDED_DB_PPROF: `127.0.0.1:${pprofPort}` })
      await waitForPort('127.0.0.1', pprofPort)
      client = db.client
    })
    afterAll(() => db?.stop())

    const verdicts = () => ({
      ok: stderr().match(/^sjson-verify ok$/gm)?.length ?? 0,
      fallback: stderr().match(/^sjson-verify fallback$/gm)?.length ?? 0,
      mismatch: stderr().match(/^sjson-verify MISMATCH.*$/gm) ?? [],
    })

    it('reads back every BSON type, escapes and nesting the same, through the fast path', async () => {
      const at = new Date('2026-12-05T09:30:00.123Z')
      const docs = [
        {
          _id: new ObjectId(),
          text: '营业执照 <&> "quoted" back\\slash\nline\ttab \u2028 😀 é \u0000 end',
          empty: '',
          double: new Double(1.5),
          big: new Double(1.7976931348623157e308),
          tiny: new Double(5e-324),
          int: new Int32(-2147483648),
          long: Long.fromString('9007199254740993'),
          bool: false,
          date: at,
          before1970: new Date(-86_400_000),
          nil: null,
          regex: new BSONRegExp('^营业.*执照$', 'i'),
          bin: new Binary(Buffer.from([0, 1, 2, 250, 255]), 0),
          uuid: new Binary(Buffer.alloc(16, 7), 4),
          ts: new Timestamp({ t: 1_700_000_000, i: 7 }),
          nested: { a: { b: { c: [1, 'x', { d: null }] } }, empty: {} },
          list: [new Int32(1), 'two', new Double(3), { four: 4, inner: [] }, null, at],
          applicant: { name: '张三', mobile: '13800000000' },
        },
        { _id: 'string-id', history: Array.from({ length: 12 }, (_, i) => ({ status: 'booked', at, by: `u${i}` })), 'key <odd> & 键 😀': 1 },
      ]
      const coll = client.db('verify').collection('docs')
      await coll.insertMany(docs as never[])
      const before = verdicts().ok
      const back = await coll.find({}, { promoteValues: false }).sort({ _id: 1 }).toArray()
      const byId = new Map(back.map((d) => [String(d._id), d]))
      // compared as canonical extended JSON: the same BSON types and values, whatever classes the driver decodes to
      const canonical = (d: unknown) => BSON.EJSON.stringify(d, { relaxed: false })
      for (const doc of docs) expect(canonical(byId.get(String(doc._id)))).toBe(canonical(doc))
      const v = verdicts()
      expect(v.mismatch).toEqual([])
      expect(v.ok - before).toBeGreaterThanOrEqual(docs.length)
    })

    it('decodes the documents the application stores through the fast path (no fallback, no difference)', async () => {
      // the same read with projection and sort, as the staff day list makes it
      const coll = client.db('verify').collection('bookings')
      const at = new Date()
      await coll.insertMany(
        Array.from({ length: 30 }, (_, i) => ({
          _id: new ObjectId(),
          hallDay: 'h|2026-12-05',
          status: i % 3 ? 'booked' : 'served',
          startAt: new Date(at.getTime() + i * 60_000),
          applicant: { name: `申请人${i}`, mobile: '13800000000' },
          history: [{ status: 'booked', action: 'created', at, by: 'u', byRole: 'citizen' }],
          claimIds: [`seat#${i}`],
          seatNo: new Int32(i),
        })),
      )
      const rows = await coll.find({ hallDay: 'h|2026-12-05' }, { projection: { status: 1, applicant: 1, startAt: 1 } }).sort({ startAt: 1 }).toArray()
      expect(rows).toHaveLength(30)
      expect(rows[0]).toEqual({ _id: expect.any(ObjectId), status: 'served', startAt: expect.any(Date), applicant: { name: '申请人0', mobile: '13800000000' } })
      const v = verdicts()
      expect(v.mismatch).toEqual([])
      expect(v.fallback).toBe(0)
      expect(v.ok).toBeGreaterThanOrEqual(30)
    })

    it('patch 07: tracks no object lifetimes (no FerretDB tracking profile in the profiler)', async () => {
      await client.db('verify').collection('docs').find({}).toArray()
      const index = await (await fetch(`http://127.0.0.1:${pprofPort}/debug/pprof/`)).text()
      expect(index).toContain('goroutine') // the profiler answers
      expect(index).not.toMatch(/FerretDB\//)
    })
  })
})

describe('patch 09: no query log formatting unless debug', () => {
  it('still logs every SQL statement with its arguments when the debug log is on (EMBEDDED_DB_DEBUG_LOG)', async () => {
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xz-debug-log-')), 'db.log')
    const db = await startBinary({ EMBEDDED_DB_DEBUG_LOG: log })
    try {
      await db.client.db('verify').collection('logged').insertOne({ _id: 'x' as never, marker: 'patch-09-marker' })
      expect(await db.client.db('verify').collection('logged').findOne({ _id: 'x' as never })).toMatchObject({ marker: 'patch-09-marker' })
      const text = fs.readFileSync(log, 'utf8')
      expect(text).toMatch(/>>> INSERT INTO/)
      expect(text).toMatch(/<<< INSERT INTO/)
      expect(text).toContain('patch-09-marker') // the statement's arguments
    } finally {
      await db.stop()
      fs.rmSync(path.dirname(log), { recursive: true, force: true })
    }
  })
})

describe('patch 08: projection without deep copies', () => {
  it("returns the projected fields in the document's order, with their values, whatever the projection's order", async () => {
    await Projected.collection.insertOne({
      _id: 'p1',
      a: 1,
      b: { x: 'bx', y: 'by', z: { deep: true } },
      c: 'c',
      d: [1, { e: 2 }],
      e: 'e',
      f: { g: 'g' },
    } as never)
    const doc = await Projected.collection.findOne({ _id: 'p1' as never }, { projection: { e: 1, 'b.z': 1, a: 1, d: 1, 'b.x': 1, f: 1 } })
    expect(doc).toEqual({ _id: 'p1', a: 1, b: { x: 'bx', z: { deep: true } }, d: [1, { e: 2 }], e: 'e', f: { g: 'g' } })
    expect(Object.keys(doc!)).toEqual(['_id', 'a', 'b', 'd', 'e', 'f'])
    expect(Object.keys(doc!.b)).toEqual(['x', 'z'])
    // and the stored document is untouched by the projection
    expect(await Projected.collection.findOne({ _id: 'p1' as never })).toMatchObject({ b: { x: 'bx', y: 'by', z: { deep: true } }, c: 'c' })
  })
})

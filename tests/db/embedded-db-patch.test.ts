/**
 * The FerretDB patch set (server/embedded-db/patches) must apply to the exact FerretDB source the build vendors:
 * these tests apply it to a pristine copy of that source (from the Go module cache) and fail when a patch stops
 * applying, so that an upgrade of FerretDB can never silently produce an unpatched binary.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { EMBEDDED_PATCHES } from '../../server/src/lib/embedded-db'
import { applyPatches, parsePatch, PatchError, readPatches } from '../../server/src/lib/embedded-db-patch'
import { ferretDbSource } from '../helpers/ferretdb-source'

const patches = readPatches(EMBEDDED_PATCHES)
let work: string

/** A writable copy of the files the patches touch. */
function copyTouchedFiles(src: string): string {
  const dst = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-ferret-patch-'))
  for (const p of patches) {
    for (const e of p.edits) {
      fs.mkdirSync(path.dirname(path.join(dst, e.file)), { recursive: true })
      fs.copyFileSync(path.join(src, e.file), path.join(dst, e.file))
    }
  }
  return dst
}

beforeAll(() => {
  work = copyTouchedFiles(ferretDbSource())
})
afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

describe('FerretDB patch set', () => {
  it('holds the _id-index fix, the equality pushdown, the per-statement release of updates, the _id pushdown with more conditions, the _id $in pushdown, the single-pass decoder, release builds without lifetime tracking, projection without deep copies and no query log formatting unless debug', () => {
    expect(patches.map((p) => p.name)).toEqual([
      '01-id-index.patch',
      '02-equality-pushdown.patch',
      '03-update-releases-each-statement.patch',
      '04-id-pushdown-with-more-conditions.patch',
      '05-id-in-pushdown.patch',
      '06-sjson-single-pass-decode.patch',
      '07-no-lifetime-tracking-in-release.patch',
      '08-projection-without-deep-copies.patch',
      '09-no-query-log-formatting-unless-debug.patch',
    ])
    expect(patches[0].edits[0].replace).toContain('`->"_id"`')
    expect(patches[1].edits[0].replace).toContain('_pushdown')
    expect(patches[2].edits[0].search).toContain('defer closer.Close()')
    expect(patches[2].edits[0].replace).not.toContain('defer closer.Close()')
    // the query and its explain
    expect(patches[3].edits.map((e) => e.search.includes('params.Filter.Len() == 1'))).toEqual([true, true])
    // the query, its explain, and the function both call
    expect(patches[4].edits.map((e) => e.replace.includes('idInPushdown('))).toEqual([true, true, true])
    // the imports, and the fast Unmarshal in front of the original one (renamed)
    expect(patches[5].edits[1].replace).toContain('func unmarshalOriginal(data []byte)')
    expect(patches[5].edits[1].replace).toContain('decodeFast(data)')
    expect(patches[6].edits.map((e) => e.replace.includes('!debugbuild.Enabled'))).toEqual([true, true])
    expect(patches[7].edits[0].search).toContain('projected.DeepCopy()')
    expect(patches[7].edits[0].replace).not.toContain('DeepCopy')
    expect(patches[8].edits[0].replace).toContain('queryLogger(')
  })

  it('applies to the vendored FerretDB v1.24.2 source, each search text exactly once', () => {
    const file = (f: string) => fs.readFileSync(path.join(work, f), 'utf8')
    expect(file('internal/backends/sqlite/metadata/metadata.go')).toContain(`IDColumn = DefaultColumn + "->'$._id'"`)
    applyPatches(work, patches)
    const meta = file('internal/backends/sqlite/metadata/metadata.go')
    expect(meta).toContain('IDColumn = DefaultColumn + `->"_id"`')
    expect(meta).not.toContain(`"->'$._id'"`)
    expect(file('internal/backends/sqlite/collection.go')).toContain('strings.HasSuffix(index.Name, "_pushdown")')
    expect(file('internal/handler/msg_update.go')).toContain('xinzhou patch 03')
    expect(file('internal/handler/msg_update.go')).not.toContain('defer closer.Close()')
    expect(file('internal/backends/sqlite/collection.go')).not.toContain('params.Filter.Len() == 1')
    expect(file('internal/backends/sqlite/collection.go').match(/xinzhou patch 04/g)).toHaveLength(2)
    expect(file('internal/backends/sqlite/collection.go').match(/idInPushdown\(params\.Filter\)/g)).toHaveLength(2)
    expect(file('internal/backends/sqlite/collection.go')).toContain('WHERE %s IN (%s)')
    expect(file('internal/handler/sjson/sjson.go').match(/^func (Unmarshal|unmarshalOriginal)\(data \[\]byte\)/gm)).toHaveLength(2)
    expect(file('internal/util/resource/resource.go').match(/xinzhou patch 07/g)).toHaveLength(2)
    expect(file('internal/handler/common/projection.go')).toContain('xinzhou patch 08')
    expect(file('internal/util/fsql/db.go')).toContain('slog.New(slog.DiscardHandler)')
  })

  it('fails loudly, naming the patch, when the source differs and changes nothing', () => {
    const dir = copyTouchedFiles(ferretDbSource())
    try {
      const metaPath = path.join(dir, 'internal/backends/sqlite/metadata/metadata.go')
      const changed = fs.readFileSync(metaPath, 'utf8').replace(`"->'$._id'"`, `"->'$.id'"`)
      fs.chmodSync(metaPath, 0o644)
      fs.writeFileSync(metaPath, changed)
      const collection = fs.readFileSync(path.join(dir, 'internal/backends/sqlite/collection.go'), 'utf8')
      expect(() => applyPatches(dir, patches)).toThrow(PatchError)
      expect(() => applyPatches(dir, patches)).toThrow(/01-id-index\.patch: .*metadata\.go was found 0 times/)
      // checked before writing: the other file is untouched
      expect(fs.readFileSync(path.join(dir, 'internal/backends/sqlite/collection.go'), 'utf8')).toBe(collection)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('rejects a malformed patch file', () => {
    expect(() => parsePatch('x.patch', '<<<< search\nA\n==== replace\nB\n>>>> end\n')).toThrow(/before any "file:"/)
    expect(() => parsePatch('x.patch', 'file: a.go\n<<<< search\nA\n==== replace\nB\n')).toThrow(/missing ">>>> end"/)
    expect(() => parsePatch('x.patch', '# only a comment\n')).toThrow(/no edits/)
  })
})

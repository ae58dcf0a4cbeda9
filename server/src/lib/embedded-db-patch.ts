import fs from 'node:fs'
import path from 'node:path'

/**
 * The patch set applied to FerretDB's source at build time (server/embedded-db/patches/*.patch). FerretDB's
 * source is never committed: the build vendors it into a scratch folder and rewrites the files named here.
 *
 * A patch file holds comment lines (`#`), `file: <path below the module root>` lines and blocks
 *   <<<< search
 *   …exact text…
 *   ==== replace
 *   …new text…
 *   >>>> end
 * Every search text must occur exactly once in its file, otherwise applying fails loudly (the upstream source
 * changed and the patch must be reviewed) — the build never silently produces an unpatched binary.
 */
export interface PatchEdit {
  file: string
  search: string
  replace: string
}

export interface PatchFile {
  name: string
  text: string
  edits: PatchEdit[]
}

export class PatchError extends Error {}

export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB'

export function parsePatch(name: string, text: string): PatchFile {
  const lines = text.split('\n')
  const edits: PatchEdit[] = []
  let file: string | undefined
  let i = 0
  const block = (end: string): string => {
    const out: string[] = []
    for (;;) {
      i++
      if (i >= lines.length) throw new PatchError(`${name}: missing "${end}"`)
      if (lines[i] === end) return out.join('\n')
      out.push(lines[i])
    }
  }
  for (; i < lines.length; i++) {
    const line = lines[i]
    if (line === '' || line.startsWith('#')) continue
    const m = /^file: (\S+)$/.exec(line)
    if (m) {
      file = m[1]
      continue
    }
    if (line === '<<<< search') {
      if (!file) throw new PatchError(`${name}: a search block before any "file:" line`)
      const search = block('==== replace')
      const replace = block('>>>> end')
      if (!search.trim()) throw new PatchError(`${name}: empty search block`)
      edits.push({ file, search, replace })
      continue
    }
    throw new PatchError(`${name}: unexpected line ${i + 1}: ${line}`)
  }
  if (edits.length === 0) throw new PatchError(`${name}: no edits`)
  return { name, text, edits }
}

/** The patch files in name order. */
export function readPatches(dir: string): PatchFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.patch'))
    .sort()
    .map((f) => parsePatch(f, fs.readFileSync(path.join(dir, f), 'utf8')))
}

function occurrences(haystack: string, needle: string): number {
  let n = 0
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) n++
  return n
}

/**
 * Applies the patches to a copy of FerretDB's module rooted at `moduleRoot` (e.g. `vendor/github.com/FerretDB/FerretDB`).
 * Throws a PatchError naming the patch and file when a search text is not found exactly once.
 */
export function applyPatches(moduleRoot: string, patches: PatchFile[]): void {
  // check everything first so that a failure leaves no half-patched tree behind
  const contents = new Map<string, string>()
  for (const p of patches) {
    for (const e of p.edits) {
      const abs = path.join(moduleRoot, e.file)
      if (!contents.has(abs)) {
        if (!fs.existsSync(abs)) throw new PatchError(`${p.name}: ${e.file} does not exist in FerretDB's source`)
        contents.set(abs, fs.readFileSync(abs, 'utf8'))
      }
      const before = contents.get(abs)!
      const n = occurrences(before, e.search)
      if (n !== 1) {
        throw new PatchError(
          `${p.name}: the text to replace in ${e.file} was found ${n} times (expected exactly once); ` +
            `FerretDB's source differs from what the patch was written for:\n${e.search}`,
        )
      }
      contents.set(abs, before.replace(e.search, () => e.replace))
    }
  }
  for (const [abs, text] of contents) {
    fs.chmodSync(abs, 0o644) // files copied from the module cache are read-only
    fs.writeFileSync(abs, text)
  }
}

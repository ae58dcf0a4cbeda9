import { spawnSync } from 'node:child_process'
import { EMBEDDED_SRC } from '../../server/src/lib/embedded-db'

/** FerretDB's module folder in the Go module cache, as the build resolves it from server/embedded-db/go.mod. */
export function ferretDbSource(): string {
  const res = spawnSync('go', ['list', '-m', '-json', 'github.com/FerretDB/FerretDB'], {
    cwd: EMBEDDED_SRC,
    encoding: 'utf8',
    env: { ...process.env, GOFLAGS: '-mod=mod' },
  })
  if (res.status !== 0) throw new Error(`go list failed: ${res.stderr}`)
  let dir = (JSON.parse(res.stdout) as { Dir?: string }).Dir
  if (!dir) {
    const dl = spawnSync('go', ['mod', 'download', '-json', 'github.com/FerretDB/FerretDB'], { cwd: EMBEDDED_SRC, encoding: 'utf8' })
    dir = (JSON.parse(dl.stdout) as { Dir?: string }).Dir
  }
  if (!dir) throw new Error('FerretDB source not found in the Go module cache')
  return dir
}

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '../../server/src/config'

const MAIN = path.resolve(__dirname, '../../server/dist/main.js')

describe('configuration', () => {
  it('when NODE_ENV=production has no JWT_SECRET, then loading the configuration refuses', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/requires JWT_SECRET/)
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/)
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-long-enough-secret-123' }).devLogin).toBe(false)
  })

  it('when WeChat credentials are set or NODE_ENV=production, then the development login is off', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).devLogin).toBe(true)
    expect(loadConfig({ WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' }).devLogin).toBe(false)
  })

  it('when a value is malformed, then every problem is named', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/)
  })

  it('when the compiled server starts in production without JWT_SECRET, then it exits 1 with a plain message', () => {
    if (!fs.existsSync(MAIN)) throw new Error('server/dist/main.js is missing: run `npx tsc -b server` (npm test does)')
    const res = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', MONGODB_URI: 'mongodb://127.0.0.1:1/x' },
      encoding: 'utf8',
      timeout: 20_000,
    })
    expect(res.status).toBe(1)
    expect(res.stderr).toContain('Refusing to start: NODE_ENV=production requires JWT_SECRET')
  })
})

describe('embedded database without Go', () => {
  it('when MONGODB_URI is unset and Go is missing, then the server exits with a message saying what to do', () => {
    if (!fs.existsSync(MAIN)) throw new Error('server/dist/main.js is missing: run `npx tsc -b server` (npm test does)')
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-nogo-'))
    try {
      const res = spawnSync(process.execPath, [MAIN], {
        env: { PATH: '/nonexistent', NODE_ENV: 'development', EMBEDDED_DB_CACHE: empty, DATA_DIR: path.join(empty, 'data'), SEED: 'false' },
        encoding: 'utf8',
        timeout: 20_000,
      })
      expect(res.status).toBe(1)
      expect(res.stderr).toContain('Go (>= 1.24) is not installed')
      expect(res.stderr).toContain('MONGODB_URI=mongodb://')
      expect(fs.readdirSync(empty).filter((f) => f.startsWith('ferretdb-'))).toEqual([])
    } finally {
      fs.rmSync(empty, { recursive: true, force: true })
    }
  })
})

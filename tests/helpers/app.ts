import type { Express } from 'express'
import type { Server } from 'node:http'
import supertest from 'supertest'
import { createApp } from '../../server/src/app'
import { setNow } from '../../server/src/lib/clock'

let app: Express | undefined

/** The real Express app (all feature routes), built once per test file. */
export function testApp(): Express {
  app ??= createApp()
  return app
}

export function api() {
  return supertest(testApp())
}

/**
 * The app listening on a free port of 127.0.0.1 for the whole file, with the business clock set to `now` (restored
 * afterwards): for many requests at once (supertest on the bare app would start a server per request). Call the
 * returned function inside tests and hooks.
 */
export function useListeningApp(now: Date): () => Server {
  let server: Server | undefined
  beforeAll(async () => {
    setNow(now)
    const listening = testApp().listen(0, '127.0.0.1')
    server = listening
    await new Promise((r) => listening.once('listening', r))
  })
  afterAll(async () => {
    setNow(undefined)
    const listening = server
    if (listening) await new Promise((r) => listening.close(r))
  })
  return () => {
    if (!server) throw new Error('useListeningApp: the server is not listening outside tests and hooks')
    return server
  }
}

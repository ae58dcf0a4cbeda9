import type { Express } from 'express'
import supertest from 'supertest'
import { createApp } from '../../server/src/app'

let app: Express | undefined

/** The real Express app (all feature routes), built once per test file. */
export function testApp(): Express {
  app ??= createApp()
  return app
}

export function api() {
  return supertest(testApp())
}

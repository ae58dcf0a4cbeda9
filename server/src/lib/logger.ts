import pino from 'pino'
import { config } from '../config'

export const logger = pino({
  level: config().logLevel,
  base: { service: 'xz-server' },
  redact: ['req.headers.authorization', 'password', 'refreshToken', 'session_key', '*.session_key'],
})

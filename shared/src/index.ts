// zod must be configured (jitless) before any schema is built: keep this import first.
import './zod'

export * from './errors'
export * from './enums'
export * from './time'
export * from './calendar'
export * from './regions'
export * from './validators/credit-code'
export * from './validators/mobile'
export * from './validators/booking-code'
export * from './schemas/common'
export * from './schemas/auth'
export * from './schemas/catalogue'

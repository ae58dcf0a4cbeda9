import { HealthSchema, healthContract, type Health } from '@xz/shared'
import { call } from './request'

// Only the fields the home page relies on: stays compatible as the health payload grows
const HealthStatusSchema = HealthSchema.pick({ status: true, db: true })
export type HealthStatus = Pick<Health, 'status' | 'db'>

export async function fetchHealth(): Promise<HealthStatus> {
  return HealthStatusSchema.parse(await call(healthContract.get))
}

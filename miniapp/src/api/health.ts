import { HealthSchema, type Health } from '@xz/shared'
import { request } from './request'

// Only the fields the home page relies on: stays compatible as the health payload grows
const HealthStatusSchema = HealthSchema.pick({ status: true, db: true })
export type HealthStatus = Pick<Health, 'status' | 'db'>

export async function fetchHealth(): Promise<HealthStatus> {
  const body = await request<unknown>('/api/v1/health', { auth: false })
  return HealthStatusSchema.parse(body)
}

import { logger } from '../../lib/logger'

export interface SeedOptions {
  adminPassword?: string
  staffPassword?: string
  production: boolean
  /** Printed once at first start with the generated demo credentials. */
  print: (text: string) => void
}

/** Seeds demo data into an empty database. Returns true when it seeded. */
export async function seedIfEmpty(_opts: SeedOptions): Promise<boolean> {
  logger.debug('seed: nothing to do yet')
  return false
}

import { DEFAULT_SLOT_MINUTES } from '@xz/shared'
import type { SeedSessionRule } from './data/types'
import { createRuleAt, loadHall, recomputeServiceOffHours } from '../sessions'

/**
 * Seeds demo session rules (validated like an administrator's). Hall and item keys are resolved through
 * the maps the seeder built; an unknown key is a bug in the demo data and throws.
 * Service.offHours is recomputed once at the end.
 */
export async function seedSessionRules(
  rules: SeedSessionRule[],
  hallIdByKey: Map<string, string>,
  serviceIdByCode: Map<string, string>,
): Promise<number> {
  let created = 0
  for (const r of rules) {
    const hallId = hallIdByKey.get(r.hallKey)
    if (!hallId) throw new Error(`seed: unknown hall key ${r.hallKey}`)
    const serviceIds = r.serviceCodes.map((code) => {
      const id = serviceIdByCode.get(code)
      if (!id) throw new Error(`seed: unknown service code ${code}`)
      return id
    })
    const hall = await loadHall(hallId)
    await createRuleAt(
      hall,
      {
        hallId,
        label: r.label,
        dayTypes: r.dayTypes,
        start: r.start,
        end: r.end,
        slotMinutes: r.slotMinutes || DEFAULT_SLOT_MINUTES,
        capacity: r.capacity,
        serviceIds,
        effectiveFrom: r.effectiveFrom,
        effectiveTo: r.effectiveTo,
        status: 'active',
      },
      'seed',
      { demo: true, recomputeOffHours: false },
    )
    created++
  }
  await recomputeServiceOffHours()
  return created
}

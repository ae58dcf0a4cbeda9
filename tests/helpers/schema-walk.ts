/**
 * Reads the route registry's zod schemas (zod v4 internals: `_zod.def`) to find the date and number
 * fields of each route's query, path and body, so boundary and fuzz tests follow the schemas by themselves.
 */
import type * as z from 'zod'
import { DateSchema, MAX_DATE, MIN_DATE } from '@xz/shared'
import type { RegisteredRoute } from '../../server/src/lib/routes'

type AnyZod = z.ZodType & { _zod: { def: Record<string, any> }; minValue?: number | null; maxValue?: number | null; shape?: Record<string, AnyZod> }

export type Where = 'query' | 'params' | 'body'
export interface Field {
  where: Where
  name: string
  kind: 'date' | 'number'
  min?: number
  max?: number
  int: boolean
}

/** Strips optional/default/nullable/readonly/catch wrappers (and takes the input side of pipes). */
export function unwrap(s: AnyZod): AnyZod {
  for (let i = 0; i < 20; i++) {
    const def = s._zod.def
    if (['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(def.type)) s = def.innerType
    else if (def.type === 'pipe') s = def.in
    else return s
  }
  return s
}

/** The object shape of a schema (after unwrapping), or undefined for non-objects. */
export function shapeOf(s: z.ZodType | undefined): Record<string, AnyZod> | undefined {
  if (!s) return undefined
  const u = unwrap(s as AnyZod)
  return u._zod.def.type === 'object' ? (u._zod.def.shape as Record<string, AnyZod>) : undefined
}

function isDate(s: AnyZod): boolean {
  return unwrap(s) === (DateSchema as unknown as AnyZod)
}

/** Every date and number field at the top level of a route's query, path params and body. */
export function boundaryFields(route: RegisteredRoute): Field[] {
  const out: Field[] = []
  const parts: [Where, z.ZodType | undefined][] = [
    ['query', route.route.query],
    ['params', route.route.params],
    ['body', route.route.body],
  ]
  for (const [where, schema] of parts) {
    const shape = shapeOf(schema)
    if (!shape) continue
    for (const [name, field] of Object.entries(shape)) {
      if (isDate(field)) {
        out.push({ where, name, kind: 'date', int: false })
        continue
      }
      const u = unwrap(field)
      if (u._zod.def.type === 'number') {
        const min = u.minValue ?? undefined
        const max = u.maxValue ?? undefined
        const int = /int/.test(String((u as any)._zod.bag?.format ?? ''))
        out.push({ where, name, kind: 'number', min: Number.isFinite(min) && Math.abs(min!) < 1e15 ? min : undefined, max: Number.isFinite(max) && Math.abs(max!) < 1e15 ? max : undefined, int })
      }
    }
  }
  return out
}

/** The boundary values of a field: min, max, max+1, min-1, far-future/far-past, empty (as sent on the wire). */
export function boundaryValues(f: Field): (string | number)[] {
  if (f.kind === 'date') return [MIN_DATE, MAX_DATE, '2101-01-01', '1999-12-31', '9999-12-31', '0001-01-01', '275760-09-13', '']
  const vals: (string | number)[] = [0, -1, 1e308, -1e308, 2 ** 53, '']
  if (f.min !== undefined) vals.push(f.min, f.min - 1)
  if (f.max !== undefined) vals.push(f.max, f.max + 1)
  if (!f.int) vals.push(0.5)
  return vals
}

/** Express path with `:name` filled from `params` (a valid-looking ObjectId for the others). */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? '0123456789abcdef01234567'))
}

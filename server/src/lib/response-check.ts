import type * as z from 'zod'
import type { EmptyResponse, FileResponse, ResponseSpec, Route } from '@xz/shared'

/**
 * Drift between what a handler answers and what its contract declares (checked in tests and development,
 * `config().checkResponses`): an undeclared status or response header, a body its schema refuses, a field
 * the schema does not declare (it would reach clients untyped), a download of an undeclared type.
 * Returns the problems, empty when the answer keeps to the contract.
 */
export function responseDrift(
  route: Route,
  status: number,
  kind: 'json' | 'file' | 'empty',
  /** The JSON body, or the content type of a download. */
  payload: unknown,
  headers: Readonly<Record<string, string>> | undefined,
): string[] {
  const spec: ResponseSpec | undefined = route.responses[status]
  if (!spec) return [`status ${status} is not declared`]
  const problems: string[] = []
  const declaredHeaders = new Set(Object.keys(route.responseHeaders ?? {}).map((h) => h.toLowerCase()))
  for (const h of Object.keys(headers ?? {})) if (!declaredHeaders.has(h.toLowerCase())) problems.push(`response header ${h} is not declared`)
  const asEmpty = spec as EmptyResponse
  const asFile = spec as FileResponse
  if (kind === 'empty') {
    if (asEmpty.kind !== 'empty') problems.push(`status ${status} is declared with a body`)
    return problems
  }
  if (kind === 'file') {
    if (asFile.kind !== 'file') problems.push(`status ${status} is not declared as a download`)
    else if (!asFile.contentTypes.includes(String(payload))) problems.push(`download type ${String(payload)} is not declared`)
    return problems
  }
  const schema = asFile.kind === 'file' ? asFile.json : asEmpty.kind === 'empty' ? undefined : (spec as z.ZodType)
  if (!schema) return [...problems, `status ${status} is not declared with a JSON body`]
  // what the client receives: the body after JSON serialisation (dates as strings, undefined dropped)
  const wire: unknown = payload === undefined ? undefined : JSON.parse(JSON.stringify(payload))
  const parsed = schema.safeParse(wire)
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 10)) problems.push(`${issue.path.join('.') || '(body)'}: ${issue.message}`)
    return problems
  }
  undeclared(wire, parsed.data, '', problems)
  return problems
}

/** Fields of the wire value that the parsed value lost (the schema does not declare them). */
function undeclared(wire: unknown, parsed: unknown, path: string, out: string[]): void {
  if (out.length >= 10 || typeof wire !== 'object' || wire === null || typeof parsed !== 'object' || parsed === null) return
  if (Array.isArray(wire)) {
    if (Array.isArray(parsed)) wire.forEach((w, i) => undeclared(w, parsed[i], `${path}[${i}]`, out))
    return
  }
  for (const [key, value] of Object.entries(wire)) {
    const at = path ? `${path}.${key}` : key
    if (!(key in parsed)) out.push(`${at}: not declared in the response schema`)
    else undeclared(value, (parsed as Record<string, unknown>)[key], at, out)
  }
}

/**
 * Structural checks of a project checklist (一项目一方案一清单) or a template: unique item keys, dependencies that name
 * items of the same list, and no dependency cycle (the schedule needs an acyclic graph). Pure; used by the schemas
 * (400 naming the field) and by the server before it saves an adjusted checklist.
 */
export interface ChecklistNode {
  key: string
  dependsOn: readonly string[]
  /** 拿地即开工: the dependencies that replace `dependsOn` when the project takes the option. */
  earlyStartDependsOn?: readonly string[]
}

export interface ChecklistIssue {
  /** Path inside the list, e.g. `[3, 'dependsOn']`. */
  path: (string | number)[]
  message: string
}

/** The issues of a list (empty when it is sound). Both dependency sets are checked for cycles. */
export function checklistIssues(items: readonly ChecklistNode[]): ChecklistIssue[] {
  const issues: ChecklistIssue[] = []
  const index = new Map<string, number>()
  items.forEach((it, i) => {
    if (index.has(it.key)) issues.push({ path: [i, 'key'], message: `事项编号 ${it.key} 重复` })
    else index.set(it.key, i)
  })
  items.forEach((it, i) => {
    for (const field of ['dependsOn', 'earlyStartDependsOn'] as const) {
      for (const dep of it[field] ?? []) {
        if (dep === it.key) issues.push({ path: [i, field], message: `事项 ${it.key} 不能依赖自身` })
        else if (!index.has(dep)) issues.push({ path: [i, field], message: `前置事项 ${dep} 不在清单中` })
      }
    }
  })
  if (issues.length) return issues
  const fields = items.some((it) => it.earlyStartDependsOn) ? (['dependsOn', 'earlyStartDependsOn'] as const) : (['dependsOn'] as const)
  for (const field of fields) {
    const cycle = findCycle(items, (it) => (field === 'dependsOn' ? it.dependsOn : (it.earlyStartDependsOn ?? it.dependsOn)))
    if (cycle) issues.push({ path: [index.get(cycle[0])!, field], message: `前置事项形成循环：${cycle.join(' → ')}` })
  }
  return issues
}

/** A dependency cycle as a list of keys (first = last), or undefined. Iterative DFS: lists are small but input is untrusted. */
export function findCycle(items: readonly ChecklistNode[], depsOf: (it: ChecklistNode) => readonly string[] = (it) => it.dependsOn): string[] | undefined {
  const byKey = new Map(items.map((it) => [it.key, it]))
  const state = new Map<string, 1 | 2>() // 1 = on the stack, 2 = done
  for (const root of items) {
    if (state.has(root.key)) continue
    const stack: { key: string; next: number }[] = [{ key: root.key, next: 0 }]
    state.set(root.key, 1)
    while (stack.length) {
      const top = stack[stack.length - 1]
      const deps = (byKey.get(top.key) ? depsOf(byKey.get(top.key)!) : []).filter((d) => byKey.has(d))
      if (top.next >= deps.length) {
        state.set(top.key, 2)
        stack.pop()
        continue
      }
      const dep = deps[top.next++]
      const s = state.get(dep)
      if (s === 1) {
        const from = stack.findIndex((f) => f.key === dep)
        return [...stack.slice(from).map((f) => f.key), dep]
      }
      if (s === undefined) {
        state.set(dep, 1)
        stack.push({ key: dep, next: 0 })
      }
    }
  }
  return undefined
}

import { AGENCY_ACTIONS, AGENCY_STATUSES, regionContains, type AgencyAction, type AgencyStatus } from '@xz/shared'
import { AGENCY_TRANSITIONS, agencyActionsFor, agencyRefusal, commitmentRequired, pendingDependencies, projectActorOf } from './projects.rules'

const project = { enterpriseCode: '91140900MA0XP0001C', regionCode: '140902', leaderId: 'lead', agentIds: ['a1', 'a2'] }

describe('who a caller is for a project', () => {
  it.each([
    [{ role: 'citizen' as const, sub: 'u1' }, '91140900MA0XP0001C', 'enterprise'],
    [{ role: 'citizen' as const, sub: 'u2' }, '91140900MA0XP0002F', null],
    [{ role: 'citizen' as const, sub: 'u3' }, undefined, null],
    [{ role: 'agent' as const, sub: 'lead' }, undefined, 'leader'],
    [{ role: 'agent' as const, sub: 'a2' }, undefined, 'agent'],
    [{ role: 'agent' as const, sub: 'other' }, undefined, null],
    [{ role: 'admin' as const, sub: 'x', regionCode: '140900' }, undefined, 'admin'],
    [{ role: 'admin' as const, sub: 'x', regionCode: '140902' }, undefined, 'admin'],
    [{ role: 'admin' as const, sub: 'x', regionCode: '140981' }, undefined, null],
    [{ role: 'staff' as const, sub: 'x', regionCode: '140902' }, undefined, null],
    [{ role: 'handler' as const, sub: 'x' }, undefined, null],
  ])('when %j (owning %s) asks, then it is %s', (auth, code, expected) => {
    expect(projectActorOf(auth, project, code, regionContains)).toBe(expected)
  })
})

describe('the 代办 state machine (DB14/T 2233)', () => {
  it('when the enterprise acts, then it may only 委托 (from none/terminated) and 终止', () => {
    expect(agencyActionsFor('none', 'enterprise')).toEqual(['entrust'])
    expect(agencyActionsFor('handling', 'enterprise')).toEqual(['terminate'])
    expect(agencyActionsFor('terminated', 'enterprise')).toEqual(['entrust'])
    expect(agencyActionsFor('completed', 'enterprise')).toEqual([])
  })

  it('when the 项目长/代办员 act, then 受理 → 办理 → 中止 ⇄ 续办 → 办结, 终止 from any open state', () => {
    expect(agencyActionsFor('entrusted', 'agent')).toEqual(['accept', 'terminate'])
    expect(agencyActionsFor('accepted', 'leader')).toEqual(['start', 'suspend', 'terminate'])
    expect(agencyActionsFor('handling', 'agent')).toEqual(['suspend', 'complete', 'terminate'])
    expect(agencyActionsFor('suspended', 'leader')).toEqual(['resume', 'terminate'])
    expect(agencyActionsFor('none', 'leader')).toEqual([])
  })

  it('when an administrator looks, then no 代办 step is theirs', () => {
    for (const s of AGENCY_STATUSES) expect(agencyActionsFor(s, 'admin')).toEqual([])
  })

  it('when a step is refused, then the wrong actor is told apart from the wrong state', () => {
    expect(agencyRefusal('accept', 'entrusted', 'enterprise')).toBe('actor')
    expect(agencyRefusal('accept', 'handling', 'agent')).toBe('state')
    expect(agencyRefusal('accept', 'entrusted', 'agent')).toBeUndefined()
  })

  it('when every transition is followed, then final states (办结, 终止 except a new 委托) lead nowhere else', () => {
    const reachable = (from: AgencyStatus) => (AGENCY_ACTIONS as readonly AgencyAction[]).filter((a) => AGENCY_TRANSITIONS[a].from.includes(from))
    expect(reachable('completed')).toEqual([])
    expect(reachable('terminated')).toEqual(['entrust'])
    expect(AGENCY_TRANSITIONS.suspend.to).toBe('suspended')
    expect(AGENCY_TRANSITIONS.resume.to).toBe('handling')
  })
})

describe('items', () => {
  const items = [
    { key: 'land', status: 'done' as const, dependsOn: [] },
    { key: 'drawings', status: 'in_progress' as const, dependsOn: ['land'] },
    { key: 'pit', status: 'not_started' as const, dependsOn: ['drawings'], earlyStartDependsOn: ['land'] },
  ]
  it('when 前置事项 are open, then they are pending, unless 拿地即开工 moved the item ahead', () => {
    expect(pendingDependencies(items as never, 'pit', false)).toEqual(['drawings'])
    expect(pendingDependencies(items as never, 'pit', true)).toEqual([])
    expect(commitmentRequired(items[2], true)).toBe(true)
    expect(commitmentRequired(items[2], false)).toBe(false)
  })
})

import crypto from 'node:crypto'
import { creditCodeCheckChar, type ConditionNode, type PolicyInput } from '@xz/shared'

/** A valid 统一社会信用代码 (random body, correct check character). */
export function creditCode(): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  const body = '91140900' + Array.from(crypto.randomBytes(9), (b) => chars[b % chars.length]).join('')
  return body + creditCodeCheckChar(body)!
}

/** A valid `POST /admin/policies` body for the department. */
export function policyBody(departmentId: string, overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    title: `小微企业稳岗补贴-${crypto.randomBytes(3).toString('hex')}`,
    departmentId,
    docNumber: '忻人社发〔2026〕12号',
    regionCode: '140900',
    validFrom: '2020-01-01',
    validTo: '2099-12-31',
    summary: '对在忻州市注册、稳定就业岗位的小微企业给予一次性补贴',
    fullText: '第一条 为稳定就业岗位……',
    benefit: { kind: '补贴', description: '每户一次性补贴 5000 元', amountFen: 500_000 },
    guide: { beneficiaries: '小微企业', requirements: '在忻州市注册；从业人数不超过 100 人', promiseDays: 10, address: '忻州市人社局一楼', phone: '0350-3030000' },
    mode: 'apply',
    topics: ['稳岗就业'],
    conditions: { allOf: [{ field: 'registeredRegion', op: 'startsWith', value: '1409' }, { field: 'employees', op: 'lte', value: 100 }] } as ConditionNode,
    ...overrides,
  }
}

import { DEFAULT_PROVINCIAL_PROFILE, EXCHANGE_CHANNELS, IDENTITY_TYPES, parseProfile, type ExchangeRecord, type ProvincialProfile } from '@xz/shared'
import { chinaDateTime, nameForProfile, toNational, toProvincial } from './exchange.mappers'

const base: ExchangeRecord = {
  id: 'rating-0123456789abcdef01234567',
  kind: 'rating',
  ratingId: '0123456789abcdef01234567',
  caseNo: 'K7M2Q9XA',
  channel: 'mobile',
  rater: { identity: 'natural_person', name: '王晓明' },
  at: '2026-12-02T02:03:04.000Z',
  count: 1,
  level: 5,
  isDefault: false,
  tags: [],
  text: '办事很快',
  regionCode: '140902',
  serviceCode: '11140900MB1234567X4000117001000',
  serviceName: '食品经营许可',
  departmentId: 'dep1',
}
const rec = (over: Partial<ExchangeRecord>): ExchangeRecord => ({ ...base, ...over })

describe('national field set (GB/T 39046—2020 table 9)', () => {
  it.each([
    [5, '非常满意', '1'],
    [4, '满意', '2'],
    [3, '基本满意', '3'],
    [2, '不满意', '4'],
    [1, '非常不满意', '5'],
  ])('when the level is %i, then 满意度 is %s with code %s (national runs 1 = 非常满意)', (level, label, code) => {
    expect(toNational(rec({ level }))).toMatchObject({ 满意度: label, 满意度代码: code })
  })

  it.each([
    ['pc', 'PC端', '1'],
    ['mobile', '移动端', '2'],
    ['qrcode', '二维码', '3'],
    ['hall_pad', '政务大厅平板电脑', '4'],
    ['hall_terminal', '政务大厅其他终端', '5'],
    ['phone', '电话', '6'],
    ['sms', '短信', '7'],
    ['system', '其他（系统默认评价）', '9'],
  ] as const)('when the channel is %s, then 评价渠道 is %s (%s)', (channel, name, code) => {
    expect(toNational(rec({ channel }))).toMatchObject({ 评价渠道: name, 评价渠道代码: code })
  })

  it('when a rating is mapped, then every field of table 9 is there, time in China time and region as the 6-digit code', () => {
    expect(toNational(rec({ regionCode: '140981101' }))).toEqual({
      办件编号: 'K7M2Q9XA',
      评价渠道: '移动端',
      评价渠道代码: '2',
      评价人: '王晓明',
      评价人类型: '自然人',
      评价时间: '2026-12-02 10:03:04',
      评价次数: 1,
      满意度: '非常满意',
      满意度代码: '1',
      文字评价: '办事很快',
      行政区划: '140981',
    })
  })

  it.each([
    ['natural_person', '自然人'],
    ['legal_person', '法人'],
  ] as const)('when the rater is a %s, then 评价人类型 is %s', (identity, label) => {
    expect(toNational(rec({ rater: { identity, name: '忻州市某某有限公司' } })).评价人类型).toBe(label)
  })

  it('when the record is a work-order outcome, then 整改情况 says what happened', () => {
    expect(toNational(rec({ kind: 'reply', level: 1, outcome: { reply: '已张贴一次性告知单' } })).整改情况).toBe('整改答复：已张贴一次性告知单')
    expect(toNational(rec({ kind: 'revisit', level: 1, outcome: { satisfaction: '满意' } })).整改情况).toBe('回访评价：满意')
  })
})

describe('provincial interface profile', () => {
  it.each([
    [5, '5', '1'],
    [4, '4', '2'],
    [3, '3', '3'],
    [2, '2', '4'],
    [1, '1', '5'],
  ])('when the level is %i, then satisfaction is %s ascending (1 = 非常不满意) and %s descending', (level, asc, desc) => {
    expect(toProvincial(rec({ level }), DEFAULT_PROVINCIAL_PROFILE).satisfaction).toBe(asc)
    expect(toProvincial(rec({ level }), { ...DEFAULT_PROVINCIAL_PROFILE, satisfactionOrder: 'descending' }).satisfaction).toBe(desc)
  })

  const custom: ProvincialProfile = parseProfile(
    JSON.stringify({
      name: '某省',
      channelCodes: { pc: 'PC', mobile: 'APP', qrcode: 'QR', hall_pad: 'PAD', hall_terminal: 'ZD', phone: 'TEL', sms: 'SMS', system: 'SYS' },
      identityCodes: { natural_person: 'P', legal_person: 'L' },
      personalData: 'full',
      areaCodeLength: 6,
      deptCodes: { dep1: '11140900MB0000000X' },
      defaultDeptCode: '000',
    }),
  )

  it.each(EXCHANGE_CHANNELS.map((c) => [c] as const))('when the channel is %s, then pf is the code of each profile', (channel) => {
    expect(toProvincial(rec({ channel }), DEFAULT_PROVINCIAL_PROFILE).pf).toBe(DEFAULT_PROVINCIAL_PROFILE.channelCodes[channel])
    expect(toProvincial(rec({ channel }), custom).pf).toBe(custom.channelCodes[channel])
    expect(custom.channelCodes[channel]).not.toBe(DEFAULT_PROVINCIAL_PROFILE.channelCodes[channel])
  })

  it.each(IDENTITY_TYPES.map((i) => [i] as const))('when the identity is %s, then userProp is the code of each profile', (identity) => {
    expect(toProvincial(rec({ rater: { identity, name: '王晓明' } }), DEFAULT_PROVINCIAL_PROFILE).userProp).toBe(identity === 'natural_person' ? '1' : '2')
    expect(toProvincial(rec({ rater: { identity, name: '王晓明' } }), custom).userProp).toBe(identity === 'natural_person' ? 'P' : 'L')
    // a person's name is masked by the default profile, an enterprise's is not
    const name = identity === 'natural_person' ? '王晓明' : '忻州市晓明商贸有限公司'
    expect(toProvincial(rec({ rater: { identity, name } }), DEFAULT_PROVINCIAL_PROFILE).userName).toBe(identity === 'natural_person' ? '王**' : name)
  })

  it('when a 差评 with a 追评 is mapped with the default profile, then every field is filled and the name is masked', () => {
    const r = rec({ kind: 'append', count: 2, level: 1, tags: ['态度不好', '一次告知不清'], text: '追评：仍未改进', departmentId: 'other' })
    expect(toProvincial(r, DEFAULT_PROVINCIAL_PROFILE)).toEqual({
      areaCode: '140902000000',
      deptCode: '',
      taskCode: base.serviceCode,
      taskName: '食品经营许可',
      projectNo: 'K7M2Q9XA',
      userName: '王**',
      userProp: '1',
      satisfaction: '1',
      evalDetail: '态度不好、一次告知不清',
      writingEvaluation: '追评：仍未改进',
      assessTime: '2026-12-02 10:03:04',
      assessNumber: 2,
      pf: '2',
    })
  })

  it('when the profile allows full names, 6-digit areas and maps the department, then those come through; outcomes carry rectifyType', () => {
    expect(toProvincial(rec({ kind: 'revisit', outcome: { satisfaction: '基本满意' } }), custom)).toMatchObject({
      areaCode: '140902',
      deptCode: '11140900MB0000000X',
      userName: '王晓明',
      rectifyType: '2',
      rectifyResult: '基本满意',
    })
    expect(toProvincial(rec({ kind: 'reply', outcome: { reply: '已整改' } }), custom)).toMatchObject({ rectifyType: '1', rectifyResult: '已整改' })
  })

  it.each([
    ['full', '王晓明'],
    ['masked', '王**'],
    ['none', '匿名'],
  ] as const)('when personal data is %s, then the name is %s', (personalData, name) => {
    expect(nameForProfile('王晓明', { personalData })).toBe(name)
  })

  it('when the profile JSON is wrong, then parsing names the field', () => {
    expect(() => parseProfile('{"satisfactionOrder":"up"}')).toThrow(/satisfactionOrder/)
    expect(() => parseProfile('{"channelCodes":{"mobile":""}}')).toThrow(/mobile/)
    expect(() => parseProfile('{not json')).toThrow()
    expect(parseProfile(undefined)).toBe(DEFAULT_PROVINCIAL_PROFILE)
  })

  it('when an instant is formatted, then it is China time', () => {
    expect(chinaDateTime('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 00:00:00')
  })
})

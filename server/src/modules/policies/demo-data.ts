/**
 * 示例数据 for 送政策上门: policies modelled on published Shanxi / Xinzhou 惠企 measures (the conditions are the
 * machine-checkable core of each measure's 申报条件; amounts and document numbers are illustrative, not authoritative),
 * and demo enterprises with varied profiles. Everything here is marked `demo`.
 */
import type { ConditionNode, EnterpriseScale, RevenueBand } from '@xz/shared'

export interface DemoDepartment {
  key: string
  name: string
}

/** Issuing departments not in the catalogue's demo departments (created when missing). */
export const extraDepartments: DemoDepartment[] = [
  { key: 'gxj', name: '忻州市工业和信息化局' },
  { key: 'kjj', name: '忻州市科学技术局' },
  { key: 'swj', name: '忻州市商务局' },
  { key: 'nyj', name: '忻州市农业农村局' },
  { key: 'wlj', name: '忻州市文化和旅游局' },
]

/** Catalogue demo departments referred to by name. */
export const DEPARTMENT_NAMES: Record<string, string> = {
  rsj: '忻州市人力资源和社会保障局',
  sw: '国家税务总局忻州市税务局',
  czj: '忻州市财政局',
  fgw: '忻州市发展和改革委员会',
  scjg: '忻州市市场监督管理局',
  xzsp: '忻州市行政审批服务管理局',
  rmyh: '中国人民银行忻州市分行',
  ...Object.fromEntries(extraDepartments.map((d) => [d.key, d.name])),
}

export interface DemoPolicy {
  dept: string
  title: string
  docNumber: string
  summary: string
  benefit: { kind: '补贴' | '减免' | '奖励' | '贷款贴息' | '资质认定'; description: string; amountFen?: number }
  beneficiaries: string
  requirements: string
  promiseDays: number
  mode: 'auto' | 'apply'
  topics: string[]
  conditions: ConditionNode
  /** Days before today it was published; undefined = still a draft. */
  publishedDaysAgo?: number
  validTo?: string
}

const inXinzhou: ConditionNode = { field: 'registeredRegion', op: 'startsWith', value: '1409' }
const smallMicro: ConditionNode = { field: 'scale', op: 'in', value: ['小', '微'] }
const all = (...c: ConditionNode[]): ConditionNode => ({ allOf: c })
const any = (...c: ConditionNode[]): ConditionNode => ({ anyOf: c })
const q = (value: string): ConditionNode => ({ field: 'qualifications', op: 'contains', value })
const tag = (value: string): ConditionNode => ({ field: 'tags', op: 'contains', value })
const industry = (...value: string[]): ConditionNode => ({ field: 'industry', op: 'in', value })

export const demoPolicies: DemoPolicy[] = [
  {
    dept: 'rsj', title: '失业保险稳岗返还（中小微企业）', docNumber: '忻人社发〔2026〕8号', mode: 'auto', topics: ['稳岗就业', '资金补贴'], publishedDaysAgo: 40,
    summary: '上年度未裁员或裁员率不高于全国城镇调查失业率控制目标的参保企业，按上年度实际缴纳失业保险费的60%返还，免申即享。',
    benefit: { kind: '补贴', description: '返还上年度实际缴纳失业保险费的60%' }, beneficiaries: '在忻州市依法参保缴费的中小微企业',
    requirements: '依法参加失业保险并足额缴费；上年度未裁员或裁员率不高于控制目标；不在严重失信名单内', promiseDays: 20,
    conditions: all(inXinzhou, { field: 'scale', op: 'in', value: ['中', '小', '微'] }, tag('失业保险参保'), { field: 'tags', op: 'notContains', value: '严重失信' }),
  },
  {
    dept: 'rsj', title: '一次性扩岗补助', docNumber: '忻人社发〔2026〕11号', mode: 'apply', topics: ['稳岗就业', '资金补贴'], publishedDaysAgo: 25,
    summary: '企业招用毕业年度或离校2年内未就业高校毕业生、登记失业的16-24岁青年，签订劳动合同并缴纳失业保险费满1个月的，按每人1500元发放。',
    benefit: { kind: '补贴', description: '每招用1人补助1500元' }, beneficiaries: '招用高校毕业生和青年的企业', requirements: '签订劳动合同并参加失业保险满1个月', promiseDays: 15,
    conditions: all(inXinzhou, tag('失业保险参保'), tag('新招用高校毕业生')),
  },
  {
    dept: 'rsj', title: '创业担保贷款及贴息（小微企业）', docNumber: '忻人社发〔2025〕31号', mode: 'apply', topics: ['金融支持', '创业扶持'], publishedDaysAgo: 70,
    summary: '当年新招用符合条件人员达到现有在职职工一定比例并签订1年以上劳动合同的小微企业，可申请最高300万元创业担保贷款，按规定享受财政贴息。',
    benefit: { kind: '贷款贴息', description: '贷款最高300万元，LPR-150BP以上部分财政贴息' }, beneficiaries: '小微企业', requirements: '新招用重点群体人数达标；无拖欠工资、欠缴社保等严重失信行为', promiseDays: 20,
    conditions: all(inXinzhou, smallMicro, tag('新招用重点群体'), { field: 'tags', op: 'notContains', value: '严重失信' }),
  },
  {
    dept: 'rsj', title: '企业新型学徒制培训补贴', docNumber: '忻人社发〔2025〕45号', mode: 'apply', topics: ['稳岗就业', '人才引进'], publishedDaysAgo: 95,
    summary: '企业与技工院校等合作开展新型学徒制培训，按每人每年4000-6000元给予培训补贴。',
    benefit: { kind: '补贴', description: '每人每年4000-6000元' }, beneficiaries: '开展新型学徒制培训的各类企业', requirements: '签订培养协议，学徒参加失业保险', promiseDays: 30,
    conditions: all(inXinzhou, tag('失业保险参保'), { field: 'employees', op: 'gte', value: 10 }),
  },
  {
    dept: 'rsj', title: '吸纳脱贫劳动力就业补贴', docNumber: '忻人社发〔2026〕3号', mode: 'apply', topics: ['稳岗就业', '资金补贴'], publishedDaysAgo: 12,
    summary: '企业吸纳脱贫劳动力就业，签订1年以上劳动合同并缴纳社会保险的，按每人一次性给予补贴。',
    benefit: { kind: '补贴', description: '每人一次性补贴2000元' }, beneficiaries: '吸纳脱贫劳动力的企业', requirements: '签订1年以上劳动合同并缴纳社会保险', promiseDays: 20,
    conditions: all(inXinzhou, tag('吸纳脱贫劳动力')),
  },
  {
    dept: 'sw', title: '小型微利企业所得税优惠', docNumber: '财政部 税务总局公告2023年第12号', mode: 'auto', topics: ['税费减免'], publishedDaysAgo: 120, validTo: '2027-12-31',
    summary: '对小型微利企业减按25%计算应纳税所得额，按20%的税率缴纳企业所得税；年应纳税所得额不超过300万元、从业人数不超过300人、资产总额不超过5000万元。',
    benefit: { kind: '减免', description: '实际税负5%' }, beneficiaries: '小型微利企业', requirements: '从事国家非限制和禁止行业；从业人数不超过300人等', promiseDays: 1,
    conditions: all(smallMicro, { field: 'employees', op: 'lte', value: 300 }, { field: 'revenueBand', op: 'lte', value: '2000万-1亿' }),
  },
  {
    dept: 'sw', title: '“六税两费”减半征收', docNumber: '财政部 税务总局公告2023年第12号', mode: 'auto', topics: ['税费减免'], publishedDaysAgo: 118, validTo: '2027-12-31',
    summary: '对小型微利企业和个体工商户减半征收资源税、城市维护建设税、房产税、城镇土地使用税、印花税、耕地占用税和教育费附加、地方教育附加。',
    benefit: { kind: '减免', description: '减半征收' }, beneficiaries: '小型微利企业、个体工商户', requirements: '符合小型微利企业条件', promiseDays: 1,
    conditions: all(smallMicro),
  },
  {
    dept: 'sw', title: '研发费用税前加计扣除（科技型中小企业）', docNumber: '财政部 税务总局公告2023年第7号', mode: 'auto', topics: ['税费减免', '科技创新'], publishedDaysAgo: 110,
    summary: '科技型中小企业开展研发活动实际发生的研发费用，在据实扣除的基础上再按100%加计扣除。',
    benefit: { kind: '减免', description: '研发费用100%加计扣除' }, beneficiaries: '科技型中小企业', requirements: '取得科技型中小企业入库登记编号', promiseDays: 1,
    conditions: all(q('科技型中小企业')),
  },
  {
    dept: 'sw', title: '增值税小规模纳税人减免', docNumber: '财政部 税务总局公告2023年第19号', mode: 'auto', topics: ['税费减免'], publishedDaysAgo: 115, validTo: '2027-12-31',
    summary: '增值税小规模纳税人适用3%征收率的应税销售收入减按1%征收；月销售额10万元以下的免征增值税。',
    benefit: { kind: '减免', description: '减按1%征收或免征' }, beneficiaries: '增值税小规模纳税人', requirements: '登记为小规模纳税人', promiseDays: 1,
    conditions: all(tag('小规模纳税人')),
  },
  {
    dept: 'kjj', title: '高新技术企业首次认定奖励', docNumber: '忻科发〔2026〕5号', mode: 'auto', topics: ['科技创新', '资金补贴'], publishedDaysAgo: 30,
    summary: '对首次通过认定的高新技术企业给予一次性奖励，奖励资金直接拨付，无需申请。',
    benefit: { kind: '奖励', description: '一次性奖励10万元', amountFen: 10_000_000 }, beneficiaries: '首次认定的高新技术企业', requirements: '当年首次通过高新技术企业认定；注册地在忻州市', promiseDays: 30,
    conditions: all(inXinzhou, q('高新技术企业'), tag('首次认定高新')),
  },
  {
    dept: 'kjj', title: '科技创新券', docNumber: '忻科发〔2025〕22号', mode: 'apply', topics: ['科技创新'], publishedDaysAgo: 60,
    summary: '科技型中小企业向高校、科研院所购买检验检测、研发设计等科技服务，按服务费用的50%给予创新券支持。',
    benefit: { kind: '补贴', description: '服务费用50%，每家每年最高20万元' }, beneficiaries: '科技型中小企业、高新技术企业', requirements: '入库科技型中小企业或有效期内高新技术企业', promiseDays: 20,
    conditions: all(inXinzhou, { field: 'qualifications', op: 'containsAny', value: ['科技型中小企业', '高新技术企业'] }),
  },
  {
    dept: 'kjj', title: '企业研发投入后补助', docNumber: '忻科发〔2026〕9号', mode: 'apply', topics: ['科技创新', '资金补贴'], publishedDaysAgo: 8,
    summary: '对上年度研发投入较上一年度增长的规模以上工业企业和高新技术企业，按新增研发投入给予后补助。',
    benefit: { kind: '补贴', description: '按新增研发投入的10%，最高100万元' }, beneficiaries: '规上工业企业、高新技术企业', requirements: '研发费用已在税务部门加计扣除备案', promiseDays: 30,
    conditions: all(inXinzhou, any(q('高新技术企业'), tag('规上工业企业')), { field: 'establishedYears', op: 'gte', value: 1 }),
  },
  {
    dept: 'gxj', title: '专精特新中小企业认定奖励', docNumber: '忻工信发〔2026〕14号', mode: 'auto', topics: ['科技创新', '资金补贴'], publishedDaysAgo: 20,
    summary: '对新认定的省级专精特新中小企业给予一次性奖励，奖励资金直接拨付。',
    benefit: { kind: '奖励', description: '一次性奖励20万元', amountFen: 20_000_000 }, beneficiaries: '新认定的省级专精特新中小企业', requirements: '当年新认定；注册地在忻州市', promiseDays: 30,
    conditions: all(inXinzhou, q('专精特新中小企业')),
  },
  {
    dept: 'gxj', title: '工业企业首次“小升规”奖励', docNumber: '忻工信发〔2026〕2号', mode: 'apply', topics: ['资金补贴'], publishedDaysAgo: 50,
    summary: '对首次纳入规模以上工业统计的企业给予一次性奖励。',
    benefit: { kind: '奖励', description: '一次性奖励10万元', amountFen: 10_000_000 }, beneficiaries: '首次升规的工业企业', requirements: '首次纳入规上工业统计且当年在库', promiseDays: 30,
    conditions: all(inXinzhou, industry('B', 'C', 'D'), tag('首次纳入规上统计')),
  },
  {
    dept: 'gxj', title: '中小企业技术改造贷款贴息', docNumber: '忻工信发〔2025〕37号', mode: 'apply', topics: ['金融支持'], publishedDaysAgo: 80,
    summary: '制造业中小企业实施技术改造项目取得的银行贷款，按实际支付利息给予贴息。',
    benefit: { kind: '贷款贴息', description: '按实际付息的50%贴息，最高200万元' }, beneficiaries: '实施技术改造的制造业中小企业', requirements: '项目已备案且完成投资50%以上', promiseDays: 30,
    conditions: all(inXinzhou, industry('C'), { field: 'scale', op: 'in', value: ['中', '小', '微'] }, tag('技术改造项目')),
  },
  {
    dept: 'gxj', title: '首台（套）重大技术装备保险补偿', docNumber: '晋工信装备字〔2025〕88号', mode: 'apply', topics: ['科技创新', '市场开拓'], publishedDaysAgo: 100,
    summary: '对生产首台（套）重大技术装备并投保综合险的装备制造企业，给予保费补贴。',
    benefit: { kind: '补贴', description: '按年度保费的80%补贴' }, beneficiaries: '装备制造企业', requirements: '产品列入首台（套）目录并投保', promiseDays: 30,
    conditions: all(industry('C34', 'C35', 'C38', 'C39', 'C40'), tag('首台套产品')),
  },
  {
    dept: 'gxj', title: '绿色工厂奖励', docNumber: '忻工信发〔2026〕6号', mode: 'auto', topics: ['绿色发展'], publishedDaysAgo: 15,
    summary: '对新获评国家级、省级绿色工厂的企业给予一次性奖励。',
    benefit: { kind: '奖励', description: '一次性奖励30万元', amountFen: 30_000_000 }, beneficiaries: '新获评绿色工厂的工业企业', requirements: '列入当年绿色制造名单', promiseDays: 30,
    conditions: all(inXinzhou, q('绿色工厂')),
  },
  {
    dept: 'swj', title: '外贸企业出口信用保险保费补贴', docNumber: '忻商发〔2026〕4号', mode: 'apply', topics: ['市场开拓', '资金补贴'], publishedDaysAgo: 35,
    summary: '对投保短期出口信用保险的中小外贸企业给予保费补贴。',
    benefit: { kind: '补贴', description: '保费的50%，每家最高10万元' }, beneficiaries: '中小外贸企业', requirements: '已办理对外贸易经营者备案并投保', promiseDays: 20,
    conditions: all(inXinzhou, tag('进出口经营者'), { field: 'scale', op: 'in', value: ['中', '小', '微'] }),
  },
  {
    dept: 'swj', title: '限上商贸企业入库奖励', docNumber: '忻商发〔2026〕7号', mode: 'apply', topics: ['资金补贴'], publishedDaysAgo: 18,
    summary: '对首次纳入限额以上统计的批发、零售、住宿、餐饮企业给予一次性奖励。',
    benefit: { kind: '奖励', description: '一次性奖励5万元', amountFen: 5_000_000 }, beneficiaries: '首次入库的限上商贸企业', requirements: '首次纳入限上统计且当年在库', promiseDays: 20,
    conditions: all(inXinzhou, industry('F', 'H'), tag('首次纳入限上统计')),
  },
  {
    dept: 'swj', title: '电子商务企业网络零售奖励', docNumber: '忻商发〔2025〕29号', mode: 'apply', topics: ['市场开拓'], publishedDaysAgo: 65,
    summary: '对年网络零售额增长的本地电商企业给予奖励，支持忻州特色农产品“出山”。',
    benefit: { kind: '奖励', description: '按网络零售额增量分档奖励' }, beneficiaries: '本地电子商务企业', requirements: '在忻州注册并纳税；网络零售额同比增长', promiseDays: 30,
    conditions: all(inXinzhou, any(industry('F52', 'I64'), tag('电商企业'))),
  },
  {
    dept: 'nyj', title: '农业产业化龙头企业贷款贴息', docNumber: '忻农发〔2026〕10号', mode: 'apply', topics: ['金融支持'], publishedDaysAgo: 28,
    summary: '对市级以上农业产业化龙头企业用于收购农产品的流动资金贷款给予贴息。',
    benefit: { kind: '贷款贴息', description: '按实际付息的50%贴息' }, beneficiaries: '市级以上农业产业化龙头企业', requirements: '龙头企业资格在有效期内，贷款用于农产品收购', promiseDays: 30,
    conditions: all(inXinzhou, industry('A', 'C13', 'C14', 'C15'), q('农业产业化龙头企业')),
  },
  {
    dept: 'nyj', title: '杂粮加工企业设备购置补贴', docNumber: '忻农发〔2026〕12号', mode: 'apply', topics: ['资金补贴'], publishedDaysAgo: 5,
    summary: '支持忻州杂粮精深加工，对购置加工设备的杂粮加工企业按设备投资给予补贴。',
    benefit: { kind: '补贴', description: '设备投资的20%，最高50万元' }, beneficiaries: '杂粮加工企业', requirements: '设备已安装投产', promiseDays: 30,
    conditions: all(inXinzhou, industry('C13', 'C14'), tag('杂粮加工'), { field: 'establishedYears', op: 'gte', value: 2 }),
  },
  {
    dept: 'wlj', title: '文旅企业纾困补助（住宿餐饮）', docNumber: '忻文旅发〔2026〕3号', mode: 'apply', topics: ['资金补贴'], publishedDaysAgo: 22,
    summary: '对五台山、雁门关等景区周边的住宿、餐饮小微企业，在淡季稳岗经营的给予补助。',
    benefit: { kind: '补贴', description: '每家1万元', amountFen: 1_000_000 }, beneficiaries: '住宿、餐饮小微企业', requirements: '淡季正常经营、未裁员', promiseDays: 15,
    conditions: all(industry('H'), smallMicro, { field: 'registeredRegion', op: 'in', value: ['140922', '140923', '140902'] }),
  },
  {
    dept: 'czj', title: '政府性融资担保降费奖补', docNumber: '忻财金〔2026〕6号', mode: 'auto', topics: ['金融支持'], publishedDaysAgo: 45,
    summary: '小微企业通过政府性融资担保机构获得贷款的，担保费率降至1%以下，差额由财政奖补，企业免申即享。',
    benefit: { kind: '减免', description: '担保费率降至1%以下' }, beneficiaries: '获得政府性融资担保的小微企业', requirements: '担保业务在有效期内', promiseDays: 10,
    conditions: all(smallMicro, tag('政府性融资担保')),
  },
  {
    dept: 'fgw', title: '企业上市挂牌奖励', docNumber: '忻政办发〔2025〕66号', mode: 'apply', topics: ['金融支持', '资金补贴'], publishedDaysAgo: 90,
    summary: '对在新三板挂牌、在山西股权交易中心“晋兴板”挂牌的企业分阶段给予奖励。',
    benefit: { kind: '奖励', description: '新三板挂牌奖励100万元', amountFen: 100_000_000 }, beneficiaries: '挂牌企业', requirements: '完成挂牌', promiseDays: 30,
    conditions: all(inXinzhou, { field: 'tags', op: 'containsAny', value: ['新三板挂牌', '晋兴板挂牌'] }),
  },
  {
    dept: 'fgw', title: '服务业企业首次升规奖励', docNumber: '忻发改服务〔2026〕4号', mode: 'apply', topics: ['资金补贴'], publishedDaysAgo: 10,
    summary: '对首次纳入规模以上服务业统计的企业给予一次性奖励。',
    benefit: { kind: '奖励', description: '一次性奖励5万元', amountFen: 5_000_000 }, beneficiaries: '首次升规的服务业企业', requirements: '首次纳入规上服务业统计', promiseDays: 20,
    conditions: all(inXinzhou, industry('G', 'I', 'L', 'M', 'O'), tag('首次纳入规上统计')),
  },
  {
    dept: 'scjg', title: '发明专利授权资助', docNumber: '忻市监发〔2026〕9号', mode: 'apply', topics: ['科技创新'], publishedDaysAgo: 33,
    summary: '对本市企业新获国内发明专利授权的给予资助。',
    benefit: { kind: '补贴', description: '每件5000元', amountFen: 500_000 }, beneficiaries: '获得发明专利授权的企业', requirements: '专利权人为本市注册企业', promiseDays: 20,
    conditions: all(inXinzhou, tag('新获发明专利')),
  },
  {
    dept: 'scjg', title: '“个转企”奖励', docNumber: '忻市监发〔2025〕41号', mode: 'auto', topics: ['创业扶持'], publishedDaysAgo: 75,
    summary: '个体工商户转型升级为企业的，给予一次性奖励，并延续享受原有税费优惠。',
    benefit: { kind: '奖励', description: '一次性奖励5000元', amountFen: 500_000 }, beneficiaries: '个体工商户转型的企业', requirements: '转型后成立不满1年', promiseDays: 20,
    conditions: all(inXinzhou, tag('个转企'), { field: 'establishedYears', op: 'lt', value: 1 }),
  },
  {
    dept: 'xzsp', title: '新开办企业“零成本”（免费刻章、免费寄递）', docNumber: '忻审管发〔2026〕1号', mode: 'auto', topics: ['创业扶持'], publishedDaysAgo: 55,
    summary: '新开办企业免费刻制首套印章、免费寄递营业执照，开办全程零成本。',
    benefit: { kind: '减免', description: '首套印章及寄递费用全免' }, beneficiaries: '新开办企业', requirements: '在忻州市新设立登记', promiseDays: 1,
    conditions: all(inXinzhou, { field: 'establishedYears', op: 'lt', value: 1 }),
  },
  {
    dept: 'rmyh', title: '普惠小微贷款支持（再贷款）', docNumber: '忻银发〔2026〕2号', mode: 'apply', topics: ['金融支持'], validTo: undefined,
    summary: '运用支小再贷款，引导金融机构对小微企业发放优惠利率贷款（草稿，待发布）。',
    benefit: { kind: '贷款贴息', description: '优惠利率贷款' }, beneficiaries: '小微企业', requirements: '信用良好，无不良贷款记录', promiseDays: 10,
    conditions: all(smallMicro, { field: 'tags', op: 'notContains', value: '严重失信' }),
  },
]

export interface DemoEnterprise {
  name: string
  registeredRegion: string
  industry: string
  scale: EnterpriseScale
  employees?: number
  revenueBand?: RevenueBand
  /** Years before today it was established (fractional allowed). */
  age?: number
  qualifications: string[]
  tags: string[]
}

/** The county a demo name places the enterprise in (忻府区 by default). */
const COUNTY_BY_PREFIX: [string, string][] = [
  ['原平', '140981'],
  ['定襄', '140921'],
  ['五台', '140922'],
  ['代县', '140923'],
  ['雁门关', '140923'],
  ['繁峙', '140924'],
  ['宁武', '140925'],
]
const countyOf = (name: string) => COUNTY_BY_PREFIX.find(([p]) => name.startsWith(p))?.[1] ?? '140902'
const PROFILES: [string, string, EnterpriseScale, number, RevenueBand, number, string[], string[]][] = [
  ['晋味杂粮食品', 'C14', '小', 45, '500万-2000万', 6, ['农业产业化龙头企业'], ['失业保险参保', '杂粮加工', '小规模纳税人']],
  ['五台山云顶酒店', 'H61', '小', 38, '500万-2000万', 9, [], ['失业保险参保']],
  ['雁门关农家乐餐饮', 'H62', '微', 8, '100万-500万', 3, [], ['小规模纳税人']],
  ['忻州恒达重型装备', 'C35', '中', 420, '1亿-4亿', 14, ['高新技术企业'], ['失业保险参保', '规上工业企业', '首台套产品', '技术改造项目']],
  ['原平绿源果蔬', 'A01', '小', 60, '500万-2000万', 8, ['农业产业化龙头企业'], ['失业保险参保', '吸纳脱贫劳动力']],
  ['定襄法兰锻造', 'C33', '中', 260, '4亿以上', 20, ['专精特新中小企业'], ['失业保险参保', '规上工业企业', '进出口经营者']],
  ['忻州云智软件', 'I65', '小', 32, '500万-2000万', 4, ['科技型中小企业'], ['失业保险参保', '新招用高校毕业生']],
  ['繁峙矿山机械修理', 'C43', '微', 12, '100万-500万', 2, [], ['小规模纳税人']],
  ['宁武芦芽山民宿', 'H61', '微', 6, '100万以下', 1.5, [], ['小规模纳税人']],
  ['忻府区鑫源商贸', 'F51', '小', 25, '2000万-1亿', 5, [], ['失业保险参保', '首次纳入限上统计']],
  ['忻州数字电商', 'F52', '小', 18, '500万-2000万', 2, [], ['电商企业', '失业保险参保', '新招用高校毕业生']],
  ['原平新材料科技', 'C30', '小', 80, '2000万-1亿', 7, ['高新技术企业', '科技型中小企业'], ['失业保险参保', '首次认定高新', '新获发明专利']],
  ['五台县众创建筑', 'E48', '中', 310, '1亿-4亿', 12, [], ['失业保险参保']],
  ['代县铁矿采选', 'B08', '中', 500, '4亿以上', 18, ['绿色工厂'], ['失业保险参保', '规上工业企业']],
  ['忻州物流园运输', 'G54', '小', 70, '2000万-1亿', 6, [], ['失业保险参保', '首次纳入规上统计']],
  ['定襄县小微五金', 'C33', '微', 9, '100万-500万', 0.5, [], ['个转企', '小规模纳税人']],
  ['忻州检测技术服务', 'M74', '小', 28, '500万-2000万', 3, ['科技型中小企业'], ['失业保险参保']],
  ['繁峙县光伏电力', 'D44', '中', 120, '1亿-4亿', 5, ['高新技术企业'], ['失业保险参保', '规上工业企业', '绿色能源']],
  ['忻府区好客来餐饮', 'H62', '小', 40, '500万-2000万', 4, [], ['失业保险参保', '政府性融资担保']],
  ['原平市农机制造', 'C35', '小', 95, '2000万-1亿', 11, ['专精特新中小企业'], ['失业保险参保', '技术改造项目', '新获发明专利']],
  ['忻州文创设计', 'M74', '微', 7, '100万以下', 0.4, [], []],
  ['五台山香客服务', 'O80', '微', 5, '100万以下', 2, [], ['小规模纳税人']],
  ['忻州新能源汽车配件', 'C36', '中', 280, '1亿-4亿', 3, ['高新技术企业'], ['失业保险参保', '规上工业企业', '首次认定高新', '进出口经营者']],
  ['宁武县林下经济', 'A02', '小', 30, '100万-500万', 5, [], ['吸纳脱贫劳动力', '失业保险参保']],
  ['忻府区康养服务', 'Q85', '小', 50, '500万-2000万', 3, [], ['失业保险参保']],
  ['忻州会计服务所', 'L72', '微', 6, '100万以下', 8, [], ['小规模纳税人']],
  ['定襄县锻压设备', 'C34', '小', 66, '2000万-1亿', 9, ['科技型中小企业'], ['失业保险参保', '新招用重点群体', '政府性融资担保']],
  ['代县黄酒酿造', 'C15', '小', 35, '500万-2000万', 30, ['农业产业化龙头企业'], ['失业保险参保', '电商企业']],
  ['忻州仪器仪表', 'C40', '小', 48, '500万-2000万', 10, ['高新技术企业', '专精特新中小企业'], ['失业保险参保', '首台套产品']],
  ['繁峙县饭店', 'H62', '微', 10, '100万-500万', 6, [], ['严重失信']],
  ['忻州信息通信工程', 'I63', '中', 150, '1亿-4亿', 15, [], ['失业保险参保', '晋兴板挂牌']],
  ['原平市粮油加工', 'C13', '中', 180, '1亿-4亿', 16, ['农业产业化龙头企业', '绿色工厂'], ['失业保险参保', '规上工业企业', '杂粮加工']],
  ['忻府区青年创业咖啡', 'H62', '微', 4, '100万以下', 0.3, [], ['新招用高校毕业生']],
  ['五台县砂石料', 'B10', '小', 42, '500万-2000万', 7, [], ['失业保险参保', '技术改造项目']],
  ['忻州医药流通', 'F51', '中', 200, '4亿以上', 12, [], ['失业保险参保']],
  ['忻州智能制造研究院', 'M73', '小', 55, '500万-2000万', 2, ['科技型中小企业', '高新技术企业'], ['失业保险参保', '首次认定高新', '新获发明专利']],
  ['宁武县煤机配件', 'C35', '小', 75, '2000万-1亿', 13, [], ['失业保险参保', '首次纳入规上统计', '新招用重点群体']],
  ['定襄县法兰进出口', 'F51', '小', 22, '2000万-1亿', 6, [], ['进出口经营者', '失业保险参保']],
  ['忻州驾校培训', 'P83', '小', 60, '500万-2000万', 10, [], ['失业保险参保']],
  ['代县雁门关文旅', 'R88', '小', 45, '500万-2000万', 4, [], ['失业保险参保']],
  ['忻府区社区便利店', 'F52', '微', 3, '100万以下', 1, [], ['小规模纳税人', '个转企']],
  ['忻州塑料包装', 'C29', '小', 58, '500万-2000万', 8, [], ['失业保险参保', '政府性融资担保', '吸纳脱贫劳动力']],
  ['原平市建材', 'C30', '中', 230, '1亿-4亿', 19, ['绿色工厂'], ['失业保险参保', '规上工业企业', '技术改造项目']],
  ['忻州互联网科技', 'I64', '微', 9, '100万-500万', 1, ['科技型中小企业'], ['电商企业', '新招用高校毕业生']],
  ['繁峙县农产品合作', 'A03', '小', 20, '100万-500万', 4, [], ['吸纳脱贫劳动力']],
  ['忻州电气设备', 'C38', '小', 90, '2000万-1亿', 6, ['专精特新中小企业', '科技型中小企业'], ['失业保险参保', '首台套产品', '新三板挂牌']],
  ['五台县山货电商', 'F52', '微', 5, '100万以下', 2, [], ['电商企业', '小规模纳税人']],
  ['忻州环保治理', 'N77', '小', 34, '500万-2000万', 5, ['高新技术企业'], ['失业保险参保']],
  ['宁武县旅游客运', 'G54', '小', 28, '100万-500万', 9, [], ['失业保险参保']],
  ['忻州新设企业（未完善画像）', 'L72', '微', 0, '100万以下', 0.1, [], []],
]

export const demoEnterprises: DemoEnterprise[] = PROFILES.map(([name, ind, scale, employees, revenueBand, age, qualifications, tags], i) => ({
  name: `${name}有限公司`,
  registeredRegion: countyOf(name),
  industry: ind,
  scale,
  // a few profiles are left incomplete on purpose, so that "possibly eligible" shows up
  employees: i % 9 === 8 ? undefined : employees,
  revenueBand: i % 7 === 6 ? undefined : revenueBand,
  age: i % 11 === 10 ? undefined : age,
  qualifications,
  tags,
}))

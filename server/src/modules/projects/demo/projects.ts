import type { AgencyStatus, ProjectLevel, ProjectType } from '@xz/shared'

/** Demo 项目长 and 代办员 accounts (role agent): `projectlead.<x>` and `agent.<x>`. */
export const DEMO_PROJECT_ACCOUNTS = [
  { username: 'projectlead.city', name: '王建华', title: '市发改委副主任（市级重点项目项目长）', mobile: '13903501101', regionCode: '140900' },
  { username: 'projectlead.xinfu', name: '李红梅', title: '忻府区副区长（项目长）', mobile: '13903501102', regionCode: '140902' },
  { username: 'projectlead.fanshi', name: '赵国庆', title: '繁峙县副县长（项目长）', mobile: '13903501103', regionCode: '140924' },
  { username: 'agent.city', name: '刘晓燕', title: '市行政审批局项目代办员', mobile: '13903501201', regionCode: '140900' },
  { username: 'agent.xinfu', name: '张磊', title: '忻府区行政审批局代办员', mobile: '13903501202', regionCode: '140902' },
  { username: 'agent.fanshi', name: '郝文斌', title: '繁峙县行政审批局代办员', mobile: '13903501203', regionCode: '140924' },
  { username: 'agent.kfq', name: '陈静', title: '忻州经开区项目服务中心代办员', mobile: '13903501204', regionCode: '140971' },
] as const
export type DemoAccountKey = (typeof DEMO_PROJECT_ACCOUNTS)[number]['username']

export const DEMO_PROJECT_ENTERPRISES = [
  '山西忻州经开新能源集团有限公司',
  '繁峙县恒泰特钢有限公司',
  '原平市晋北冷链物流有限公司',
  '忻州滨河置业有限公司',
  '忻州市城市建设投资集团有限公司',
  '定襄县宏达法兰锻造有限公司',
  '五台山文旅康养发展有限公司',
  '繁峙县晋镁新材料有限公司',
  '忻州智运物流园有限公司',
  '原平市城投水务有限公司',
  '宁武县晋能风电有限公司',
]

export interface DemoProject {
  name: string
  type: ProjectType
  regionCode: string
  location: string
  industry: string
  investmentWan: number
  level: ProjectLevel
  standardLand?: boolean
  landStart?: boolean
  /** The approvals started this many working days ago. */
  startAgo: number
  enterprise: number
  leader?: DemoAccountKey
  agents: DemoAccountKey[]
  /** Working days some items take beyond their promise (makes them late while they run). */
  slow?: Record<string, number>
  agency: AgencyStatus
  /** 代办 entrusted: the approvals up to 施工许可 only (the rest the enterprise does itself). */
  entrustUntilPermit?: boolean
  agencyReason?: string
  /** Commitments left unverified past their deadline (flagged for the department). */
  overdueCommitment?: string
  /** 项目长's adjustment: an item removed with its reason. */
  removed?: { key: string; reason: string }
  /** An item paused by the agents (not the 代办's 中止), with its reason. */
  paused?: { key: string; reason: string }
}

export const DEMO_PROJECTS: DemoProject[] = [
  {
    name: '年产 2GW 高效光伏组件项目',
    type: '标准地工业项目',
    regionCode: '140971',
    location: '忻州经济开发区新材料产业园 A-07 地块',
    industry: '光伏设备及元器件制造',
    investmentWan: 180_000,
    level: '省级重点',
    standardLand: true,
    landStart: true,
    startAgo: 9,
    enterprise: 0,
    leader: 'projectlead.city',
    agents: ['agent.kfq'],
    agency: 'handling',
  },
  {
    name: '特种钢材精深加工项目',
    type: '一般工业项目',
    regionCode: '140924',
    location: '繁峙经济开发区东区纬三路北侧',
    industry: '钢压延加工',
    investmentWan: 46_000,
    level: '市级重点',
    startAgo: 24,
    enterprise: 1,
    leader: 'projectlead.fanshi',
    agents: ['agent.fanshi'],
    slow: { fasj: 14 },
    agency: 'handling',
    overdueCommitment: 'huanping',
  },
  {
    name: '晋北农产品冷链物流园',
    type: '一般工业项目',
    regionCode: '140981',
    location: '原平市经济技术开发区物流大道 6 号',
    industry: '农产品冷链仓储',
    investmentWan: 32_000,
    level: '一般',
    startAgo: 3,
    enterprise: 2,
    leader: 'projectlead.city',
    agents: ['agent.city'],
    agency: 'entrusted',
  },
  {
    name: '滨河新城住宅小区（一期）',
    type: '房地产开发',
    regionCode: '140902',
    location: '忻府区滨河东路与和平街交叉口东南角',
    industry: '房地产开发经营',
    investmentWan: 85_000,
    level: '一般',
    startAgo: 36,
    enterprise: 3,
    leader: 'projectlead.xinfu',
    agents: ['agent.xinfu'],
    slow: { sgt: 12 },
    agency: 'handling',
  },
  {
    name: '和平街（雁门大道—七一路）提质改造工程',
    type: '市政基础设施',
    regionCode: '140902',
    location: '忻府区和平街',
    industry: '市政道路工程建筑',
    investmentWan: 23_500,
    level: '市级重点',
    startAgo: 40,
    enterprise: 4,
    leader: 'projectlead.xinfu',
    agents: ['agent.xinfu', 'agent.city'],
    slow: { cbsj: 5 },
    agency: 'none',
    paused: { key: 'sgt', reason: '等待建设单位补充管线综合设计图' },
  },
  {
    name: '新能源重卡零部件智能制造项目',
    type: '一般工业项目',
    regionCode: '140971',
    location: '忻州经济开发区装备制造园 B-12 地块',
    industry: '汽车零部件及配件制造',
    investmentWan: 120_000,
    level: '省级重点',
    startAgo: 75,
    enterprise: 0,
    leader: 'projectlead.city',
    agents: ['agent.kfq'],
    slow: { sgt: 2 },
    agency: 'completed',
    entrustUntilPermit: true,
    removed: { key: 'renfang', reason: '项目不设地下空间，经市人防办确认免于办理' },
  },
  {
    name: '法兰锻造智能化改造项目',
    type: '一般工业项目',
    regionCode: '140921',
    location: '定襄县法兰工业园区',
    industry: '锻件及粉末冶金制品制造',
    investmentWan: 15_800,
    level: '一般',
    startAgo: 14,
    enterprise: 5,
    leader: 'projectlead.city',
    agents: ['agent.city'],
    agency: 'suspended',
    agencyReason: '企业调整建设方案，需补充环评材料',
  },
  {
    name: '五台山文旅康养综合体',
    type: '房地产开发',
    regionCode: '140922',
    location: '五台县台城镇东冶路南侧',
    industry: '旅游康养设施开发',
    investmentWan: 68_000,
    level: '市级重点',
    startAgo: 6,
    enterprise: 6,
    leader: 'projectlead.city',
    agents: ['agent.city'],
    agency: 'handling',
  },
  {
    name: '金属镁深加工项目',
    type: '标准地工业项目',
    regionCode: '140924',
    location: '繁峙经济开发区镁产业园',
    industry: '镁冶炼及压延加工',
    investmentWan: 38_000,
    level: '一般',
    standardLand: true,
    startAgo: 125,
    enterprise: 7,
    leader: 'projectlead.fanshi',
    agents: ['agent.fanshi'],
    agency: 'completed',
    entrustUntilPermit: true,
  },
  {
    name: '智慧物流产业园',
    type: '一般工业项目',
    regionCode: '140902',
    location: '忻府区豆罗镇工业集聚区',
    industry: '智能仓储物流',
    investmentWan: 26_000,
    level: '一般',
    startAgo: 230,
    enterprise: 8,
    leader: 'projectlead.xinfu',
    agents: ['agent.xinfu'],
    slow: { fasj: 4, lhys: 3 },
    agency: 'completed',
  },
  {
    name: '原平市污水处理厂提标改造工程',
    type: '市政基础设施',
    regionCode: '140981',
    location: '原平市南城街道滹沱河北岸',
    industry: '污水处理及其再生利用',
    investmentWan: 12_600,
    level: '一般',
    startAgo: 30,
    enterprise: 9,
    leader: 'projectlead.city',
    agents: ['agent.city'],
    slow: { cbsj: 14 },
    agency: 'terminated',
    agencyReason: '建设单位组建专班，改为自行申报',
  },
  {
    name: '风电场配套 220kV 升压站',
    type: '一般工业项目',
    regionCode: '140925',
    location: '宁武县东寨镇',
    industry: '风力发电',
    investmentWan: 54_000,
    level: '省级重点',
    startAgo: 1,
    enterprise: 10,
    agents: [],
    agency: 'none',
  },
]

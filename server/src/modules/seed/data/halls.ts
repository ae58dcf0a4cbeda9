import { SC, type ServiceKey } from './codes'
import { XZ } from './regions'
import type { SeedHall } from './types'

type Window = SeedHall['windows'][number]
type HallDraft = Omit<SeedHall, 'serviceCodes'> & { extraCodes?: ServiceKey[] }

const codes = (...keys: ServiceKey[]): string[] => keys.map((k) => SC[k])
const win = (number: string, name: string, keys: ServiceKey[], staffed = true): Window => ({
  number,
  name,
  serviceCodes: codes(...keys),
  staffed,
})

/** A point's item list is the union of what its windows handle, plus items handled without a window. */
function hall(d: HallDraft): SeedHall {
  const { extraCodes = [], ...rest } = d
  const all = [...d.windows.flatMap((w) => w.serviceCodes), ...codes(...extraCodes)]
  return { ...rest, serviceCodes: [...new Set(all)] }
}

// Opening hours
const CITY_HOURS = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
]
const COUNTY_HOURS = [
  { start: '08:30', end: '12:00' },
  { start: '14:30', end: '17:30' },
]
const BANK_HOURS = [{ start: '09:00', end: '17:00' }]

// Item groups
const REG: ServiceKey[] = ['gssl', 'gtsl', 'qybg', 'qyzx', 'gtbg', 'yyzzbl', 'dzyyzz']
const SELF_SERVICE: ServiceKey[] = ['bdccx', 'cbzm', 'gjjcx', 'wszm', 'dzyyzz', 'ydjy', 'wfzm', 'gsht']

/** Windows of a county-level 政务服务中心; `omit` drops items a smaller county handles elsewhere. */
function countyWindows(omit: ServiceKey[] = []): Window[] {
  const keep = (keys: ServiceKey[]) => keys.filter((k) => !omit.includes(k))
  return [
    win('1', '综合受理1号窗口（企业开办）', keep(['gssl', 'gtsl', 'qybg', 'qyzx', 'gtbg', 'yyzzbl', 'yzba', 'fpsl', 'dwsb', 'gjjdw'])),
    win('2', '综合受理2号窗口（市场准入）', keep(['spjy', 'ysbz', 'xjyd', 'ggcs', 'zsba', 'dlys'])),
    win('3', '综合受理3号窗口（工程建设）', keep(['tzba', 'ghxk', 'sgxk', 'jgba'])),
    win('4', '不动产登记窗口', keep(['bdcsc', 'esfzy', 'bdcdy', 'dyzx', 'bdccx', 'qs'])),
    win('5', '社保医保窗口', keep(['ylcb', 'txdy', 'sbk', 'syj', 'cbzm', 'ybcb', 'ydjy', 'mtb', 'ybnx', 'syjt'])),
    win('6', '住房公积金窗口', keep(['gjjgf', 'gjjzf', 'gjjtx', 'gjjdk'])),
    win('7', '税务窗口', keep(['fpsl', 'fpdk', 'gsht', 'wszm', 'qs'])),
    win('8', '公安户政窗口', keep(['sfz', 'hkqy', 'jzz', 'wfzm', 'csdj'])),
    win('9', '社会事务窗口', keep(['dbsq', 'gljt', 'cjbt', 'lsjz', 'jycy', 'cydb', 'flyz', 'ywrx'])),
    win('10', '婚姻登记窗口', keep(['jhdj', 'lhdj'])),
  ].filter((w) => w.serviceCodes.length > 0)
}

function townshipWindows(): Window[] {
  return [
    win('1', '社保医保代办窗口', ['ylcb', 'ybcb', 'sbk', 'cbzm', 'jycy']),
    win('2', '民政救助窗口', ['dbsq', 'gljt', 'cjbt', 'lsjz']),
    win('3', '综合便民窗口', ['gtsl', 'sydj', 'jzz', 'flyz', 'rmtj']),
  ]
}

const VILLAGE_ITEMS: ServiceKey[] = ['ylcb', 'ybcb', 'gljt', 'dbsq', 'cjbt', 'sydj', 'rmtj']

/** Service points (服务网点), 示例数据. Coordinates are approximate GCJ-02. */
export const halls: SeedHall[] = [
  // ---------------------------------------------------------------------------------------------
  // 政务服务中心
  // ---------------------------------------------------------------------------------------------
  hall({
    key: 'city-center',
    name: '忻州市政务服务中心',
    type: 'center',
    regionCode: XZ,
    address: '忻州市忻府区和平西街68号',
    location: { lat: 38.4176, lng: 112.7225 },
    phone: '0350-3336000',
    regularHours: CITY_HOURS,
    description:
      '市级政务服务大厅，设企业开办专区、工程建设项目审批专区、不动产登记、社保医保、公积金、税务、公安等功能区，实行"一窗受理、集成服务"，提供双休日值班、午间不断档、延时服务和节假日预约办理。',
    windows: [
      win('1', '综合受理1号窗口（企业开办）', REG),
      win('2', '综合受理2号窗口（企业开办）', REG),
      win('3', '综合受理3号窗口（食品药品）', ['spjy', 'ypls', 'tzsb']),
      win('4', '综合受理4号窗口（工程建设）', ['tzba', 'ydys', 'ydgh', 'ghxk']),
      win('5', '综合受理5号窗口（工程建设）', ['sgxk', 'jgba', 'rfsp']),
      win('6', '综合受理6号窗口（交通运输）', ['czcy', 'dlys']),
      win('7', '综合受理7号窗口（社会事务）', ['yszc', 'ggcs', 'jszg']),
      win('8', '综合受理8号窗口（帮办代办）', ['gssl', 'qybg', 'qyzx', 'spjy', 'ghxk', 'sgxk']),
      win('A01', '企业开办专区·印章刻制', ['yzba']),
      win('A02', '企业开办专区·涉税事项', ['fpsl']),
      win('A03', '企业开办专区·社保公积金', ['dwsb', 'gjjdw']),
      win('A04', '企业开办专区·银行开户', ['yhkh']),
      win('B01', '不动产登记·交易登记', ['esfzy', 'bdcsc', 'qs']),
      win('B02', '不动产登记·抵押登记', ['bdcdy', 'dyzx']),
      win('B03', '不动产登记·查询', ['bdccx'], false),
      win('C01', '社保窗口', ['txdy', 'sbk', 'syj', 'gsrd', 'cbzm', 'jnbt']),
      win('C02', '医保窗口', ['ydjy', 'mtb', 'ybzy', 'syjt', 'ybnx']),
      win('C03', '住房公积金窗口', ['gjjgf', 'gjjzf', 'gjjtx', 'gjjdk', 'gjjdw']),
      win('D01', '税务综合窗口', ['fpsl', 'fpdk', 'qs', 'gsht', 'wszm']),
      win('E01', '公安户政窗口', ['sfz', 'hkqy', 'jzz', 'wfzm']),
      win('E02', '公安车驾管窗口', ['jszhz', 'jdcjy']),
      win('F01', '司法服务窗口（法律援助·公证）', ['flyz', 'gzbl']),
      win('F02', '就业创业窗口', ['jycy', 'cydb', 'jnbt']),
    ],
  }),
  hall({
    key: 'xinfu-center',
    name: '忻府区政务服务中心',
    type: 'center',
    regionCode: '140902',
    address: '忻州市忻府区长征西街与雁门大道交叉口东南角',
    location: { lat: 38.4093, lng: 112.7148 },
    phone: '0350-3068100',
    regularHours: COUNTY_HOURS,
    description: '忻府区区级政务服务大厅，承接区级审批和社会事务事项，设婚姻登记处。',
    windows: countyWindows(),
  }),
  hall({
    key: 'yuanping-center',
    name: '原平市政务服务中心',
    type: 'center',
    regionCode: '140981',
    address: '原平市北城街道前进东街与永康北路交叉口',
    location: { lat: 38.7312, lng: 112.7129 },
    phone: '0350-8128001',
    regularHours: COUNTY_HOURS,
    description: '原平市政务服务大厅，企业开办、不动产登记、社保医保等事项集中办理。',
    windows: countyWindows(),
  }),
  hall({
    key: 'dingxiang-center',
    name: '定襄县政务服务中心',
    type: 'center',
    regionCode: '140921',
    address: '定襄县晋昌镇北关街与滨河路交叉口',
    location: { lat: 38.4769, lng: 112.9585 },
    phone: '0350-6025001',
    regularHours: COUNTY_HOURS,
    windows: countyWindows(['ggcs']),
  }),
  hall({
    key: 'wutai-center',
    name: '五台县政务服务中心',
    type: 'center',
    regionCode: '140922',
    address: '五台县台城镇文昌街',
    location: { lat: 38.7268, lng: 113.2527 },
    phone: '0350-6623001',
    regularHours: COUNTY_HOURS,
    windows: countyWindows(['zsba', 'jgba']),
  }),
  hall({
    key: 'daixian-center',
    name: '代县政务服务中心',
    type: 'center',
    regionCode: '140923',
    address: '代县上馆镇新建东街',
    location: { lat: 39.0661, lng: 112.9641 },
    phone: '0350-5222001',
    regularHours: COUNTY_HOURS,
    windows: countyWindows(['ggcs', 'cydb']),
  }),
  hall({
    key: 'fanshi-center',
    name: '繁峙县政务服务中心',
    type: 'center',
    regionCode: '140924',
    address: '繁峙县繁城镇滨河路与金山路交叉口',
    location: { lat: 39.1906, lng: 113.2629 },
    phone: '0350-5822001',
    regularHours: COUNTY_HOURS,
    windows: countyWindows(['zsba']),
  }),
  hall({
    key: 'hequ-center',
    name: '河曲县政务服务中心',
    type: 'center',
    regionCode: '140930',
    address: '河曲县文笔镇长城路',
    location: { lat: 39.3841, lng: 111.1417 },
    phone: '0350-7222001',
    regularHours: COUNTY_HOURS,
    windows: countyWindows(['ggcs', 'jgba']),
  }),

  // ---------------------------------------------------------------------------------------------
  // 乡镇（街道）便民服务中心
  // ---------------------------------------------------------------------------------------------
  hall({
    key: 'qicun-township',
    name: '忻府区奇村镇便民服务中心',
    type: 'township',
    regionCode: '140902100',
    address: '忻州市忻府区奇村镇奇村大街镇政府院内',
    location: { lat: 38.5198, lng: 112.6876 },
    phone: '0350-3191012',
    regularHours: COUNTY_HOURS,
    windows: townshipWindows(),
  }),
  hall({
    key: 'guoyang-township',
    name: '原平市崞阳镇便民服务中心',
    type: 'township',
    regionCode: '140981100',
    address: '原平市崞阳镇崞阳村新华街',
    location: { lat: 38.7756, lng: 112.8523 },
    phone: '0350-8361012',
    regularHours: COUNTY_HOURS,
    windows: townshipWindows(),
  }),
  hall({
    key: 'hebian-township',
    name: '定襄县河边镇便民服务中心',
    type: 'township',
    regionCode: '140921100',
    address: '定襄县河边镇河边村正街',
    location: { lat: 38.5034, lng: 113.0741 },
    phone: '0350-6191012',
    regularHours: COUNTY_HOURS,
    windows: townshipWindows(),
  }),
  hall({
    key: 'dongye-township',
    name: '五台县东冶镇便民服务中心',
    type: 'township',
    regionCode: '140922101',
    address: '五台县东冶镇东冶村五台路',
    location: { lat: 38.6668, lng: 113.0231 },
    phone: '0350-6551012',
    regularHours: COUNTY_HOURS,
    windows: townshipWindows(),
  }),
  hall({
    key: 'ekou-township',
    name: '代县峨口镇便民服务中心',
    type: 'township',
    regionCode: '140923102',
    address: '代县峨口镇峨口村中心街',
    location: { lat: 39.1208, lng: 113.1385 },
    phone: '0350-5361012',
    regularHours: COUNTY_HOURS,
    windows: townshipWindows(),
  }),
  hall({
    key: 'shahe-township',
    name: '繁峙县砂河镇便民服务中心',
    type: 'township',
    regionCode: '140924100',
    address: '繁峙县砂河镇砂河村滨河街',
    location: { lat: 39.2325, lng: 113.5312 },
    phone: '0350-5981012',
    regularHours: COUNTY_HOURS,
    windows: townshipWindows(),
  }),
  hall({
    key: 'taihuai-township',
    name: '五台山风景名胜区台怀镇便民服务中心',
    type: 'township',
    regionCode: '140972100',
    address: '五台山风景名胜区台怀镇杨林街',
    location: { lat: 39.0085, lng: 113.5921 },
    phone: '0350-6541012',
    regularHours: COUNTY_HOURS,
    description: '服务景区居民和商户，旅游旺季周末照常开放。',
    weekendHours: [{ start: '09:00', end: '12:00' }],
    windows: [
      win('1', '综合便民窗口', ['gtsl', 'gtbg', 'ysbz', 'xjyd', 'jzz']),
      win('2', '社保民政代办窗口', ['ylcb', 'ybcb', 'sbk', 'gljt', 'dbsq']),
    ],
  }),

  // ---------------------------------------------------------------------------------------------
  // 村（社区）便民服务站
  // ---------------------------------------------------------------------------------------------
  hall({
    key: 'heping-village',
    name: '新建路街道和平社区便民服务站',
    type: 'village',
    regionCode: '140902001003',
    address: '忻州市忻府区新建路街道和平街东段和平社区党群服务中心',
    location: { lat: 38.4163, lng: 112.7381 },
    phone: '0350-3046221',
    regularHours: COUNTY_HOURS,
    windows: [win('1', '代办服务窗口', [...VILLAGE_ITEMS, 'jzz'])],
  }),
  hall({
    key: 'qicun-village',
    name: '奇村镇奇村村便民服务站',
    type: 'village',
    regionCode: '140902100201',
    address: '忻州市忻府区奇村镇奇村村委会',
    location: { lat: 38.5221, lng: 112.6913 },
    phone: '0350-3191230',
    regularHours: COUNTY_HOURS,
    windows: [win('1', '代办服务窗口', VILLAGE_ITEMS)],
  }),
  hall({
    key: 'dongshe-village',
    name: '崞阳镇东社村便民服务站',
    type: 'village',
    regionCode: '140981100203',
    address: '原平市崞阳镇东社村村委会',
    location: { lat: 38.7822, lng: 112.8637 },
    phone: '0350-8361230',
    regularHours: COUNTY_HOURS,
    windows: [win('1', '代办服务窗口', VILLAGE_ITEMS)],
  }),
  hall({
    key: 'hebian-village',
    name: '河边镇河边村便民服务站',
    type: 'village',
    regionCode: '140921100201',
    address: '定襄县河边镇河边村村委会',
    location: { lat: 38.5017, lng: 113.0796 },
    phone: '0350-6191230',
    regularHours: COUNTY_HOURS,
    windows: [win('1', '代办服务窗口', VILLAGE_ITEMS)],
  }),
  hall({
    key: 'dongyankou-village',
    name: '砂河镇东沿口村便民服务站',
    type: 'village',
    regionCode: '140924100205',
    address: '繁峙县砂河镇东沿口村村委会',
    location: { lat: 39.2397, lng: 113.5466 },
    phone: '0350-5981230',
    regularHours: COUNTY_HOURS,
    windows: [win('1', '代办服务窗口', VILLAGE_ITEMS)],
  }),

  // ---------------------------------------------------------------------------------------------
  // 银行网点（政务服务专区）
  // ---------------------------------------------------------------------------------------------
  hall({
    key: 'ccb-xinzhou',
    name: '中国建设银行忻州分行营业部政务服务专区',
    type: 'bank',
    regionCode: '140902',
    address: '忻州市忻府区和平东街2号建设银行营业部一层',
    location: { lat: 38.4168, lng: 112.7402 },
    phone: '0350-3030868',
    regularHours: BANK_HOURS,
    weekendHours: BANK_HOURS,
    description: '"政银合作"延伸服务点，可办理个体工商户登记、社保卡即时制卡、公积金提取和企业开户，周末正常营业。',
    windows: [
      win('ZW1', '政务服务专区·登记', ['gtsl', 'gssl', 'yyzzbl']),
      win('ZW2', '政务服务专区·社保公积金', ['sbk', 'gjjgf', 'gjjzf', 'gjjtx']),
      win('ZW3', '对公开户窗口', ['yhkh']),
    ],
    extraCodes: ['dzyyzz', 'cbzm'],
  }),
  hall({
    key: 'icbc-xinzhou',
    name: '中国工商银行忻州分行营业部政务服务专区',
    type: 'bank',
    regionCode: '140902',
    address: '忻州市忻府区七一北路18号工商银行营业部',
    location: { lat: 38.4221, lng: 112.7356 },
    phone: '0350-3028595',
    regularHours: BANK_HOURS,
    weekendHours: [{ start: '09:30', end: '16:30' }],
    windows: [
      win('ZW1', '政务服务专区', ['sbk', 'bdcdy', 'dyzx']),
      win('ZW2', '对公开户窗口', ['yhkh']),
    ],
  }),
  hall({
    key: 'xzrcb-xinzhou',
    name: '山西忻州农村商业银行营业部便民服务点',
    type: 'bank',
    regionCode: '140902',
    address: '忻州市忻府区长征东街9号农商银行营业部',
    location: { lat: 38.4241, lng: 112.7448 },
    phone: '0350-3123096',
    regularHours: BANK_HOURS,
    weekendHours: BANK_HOURS,
    windows: [win('ZW1', '政务便民服务窗口', ['sbk', 'ylcb', 'ybcb', 'yhkh'])],
  }),
  hall({
    key: 'psbc-yuanping',
    name: '中国邮政储蓄银行原平市支行政务服务专区',
    type: 'bank',
    regionCode: '140981',
    address: '原平市北城街道前进西街邮政储蓄银行',
    location: { lat: 38.7287, lng: 112.7068 },
    phone: '0350-8022595',
    regularHours: BANK_HOURS,
    weekendHours: [{ start: '09:00', end: '16:00' }],
    windows: [win('ZW1', '政务服务专区', ['sbk', 'gtsl', 'gljt'])],
  }),
  hall({
    key: 'abc-dingxiang',
    name: '中国农业银行定襄县支行政务服务专区',
    type: 'bank',
    regionCode: '140921',
    address: '定襄县晋昌镇东街农业银行定襄县支行',
    location: { lat: 38.4745, lng: 112.9632 },
    phone: '0350-6022595',
    regularHours: BANK_HOURS,
    weekendHours: [{ start: '09:00', end: '16:00' }],
    windows: [win('ZW1', '政务服务专区', ['sbk', 'gtsl', 'yhkh', 'bdcdy'])],
  }),

  // ---------------------------------------------------------------------------------------------
  // 24小时自助服务区 / 无人政务超市
  // ---------------------------------------------------------------------------------------------
  hall({
    key: 'city-selfservice',
    name: '忻州市政务服务中心24小时自助服务区',
    type: 'selfservice',
    regionCode: XZ,
    address: '忻州市忻府区和平西街68号政务服务中心东门一层',
    location: { lat: 38.4178, lng: 112.7231 },
    phone: '0350-3336000',
    regularHours: [],
    open24h: true,
    description: '配备政务服务一体机、不动产查询机、社保公积金自助终端和营业执照自助打照机，刷身份证或刷脸即可办理。',
    windows: [],
    extraCodes: SELF_SERVICE,
  }),
  hall({
    key: 'xinfu-selfservice',
    name: '忻府区新建路街道无人政务超市',
    type: 'selfservice',
    regionCode: '140902001',
    address: '忻州市忻府区新建路街道新建北路便民服务中心一层',
    location: { lat: 38.4235, lng: 112.7362 },
    phone: '0350-3068100',
    regularHours: [],
    open24h: true,
    windows: [],
    extraCodes: ['bdccx', 'cbzm', 'gjjcx', 'wszm', 'ydjy', 'wfzm'],
  }),
  hall({
    key: 'kfq-selfservice',
    name: '忻州经济开发区24小时自助服务区',
    type: 'selfservice',
    regionCode: '140971',
    address: '忻州经济开发区管委会政务服务大厅一层',
    location: { lat: 38.3712, lng: 112.7523 },
    phone: '0350-3281001',
    regularHours: [],
    open24h: true,
    description: '面向园区企业，可自助打印营业执照、纳税证明、社保参保证明。',
    windows: [],
    extraCodes: ['dzyyzz', 'wszm', 'cbzm', 'gjjcx', 'bdccx'],
  }),
  hall({
    key: 'yuanping-selfservice',
    name: '原平市政务服务中心24小时自助服务区',
    type: 'selfservice',
    regionCode: '140981',
    address: '原平市北城街道前进东街政务服务中心一层东侧',
    location: { lat: 38.7315, lng: 112.7137 },
    phone: '0350-8128001',
    regularHours: [],
    open24h: true,
    windows: [],
    extraCodes: SELF_SERVICE,
  }),
]

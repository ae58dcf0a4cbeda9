import { XZ } from './regions'
import type { SeedDepartment } from './types'

/** 责任单位. Phone numbers are demo values (示例数据). */
export const departments: SeedDepartment[] = [
  { key: 'xzsp', name: '忻州市行政审批服务管理局', shortName: '市行政审批局', regionCode: XZ, phone: '0350-3336020' },
  { key: 'scjg', name: '忻州市市场监督管理局', shortName: '市市场监管局', regionCode: XZ, phone: '0350-3033260' },
  { key: 'sw', name: '国家税务总局忻州市税务局', shortName: '市税务局', regionCode: XZ, phone: '0350-3023366' },
  { key: 'zrzy', name: '忻州市自然资源局', shortName: '市自然资源局', regionCode: XZ, phone: '0350-3032516' },
  { key: 'zjj', name: '忻州市住房和城乡建设局', shortName: '市住建局', regionCode: XZ, phone: '0350-3030412' },
  { key: 'rsj', name: '忻州市人力资源和社会保障局', shortName: '市人社局', regionCode: XZ, phone: '0350-3332181' },
  { key: 'ybj', name: '忻州市医疗保障局', shortName: '市医保局', regionCode: XZ, phone: '0350-3221201' },
  { key: 'gaj', name: '忻州市公安局', shortName: '市公安局', regionCode: XZ, phone: '0350-3336110' },
  { key: 'fgw', name: '忻州市发展和改革委员会', shortName: '市发改委', regionCode: XZ, phone: '0350-3033031' },
  { key: 'czj', name: '忻州市财政局', shortName: '市财政局', regionCode: XZ, phone: '0350-3023310' },
  { key: 'sfj', name: '忻州市司法局', shortName: '市司法局', regionCode: XZ, phone: '0350-3039348' },
  { key: 'mzj', name: '忻州市民政局', shortName: '市民政局', regionCode: XZ, phone: '0350-3034563' },
  { key: 'wjw', name: '忻州市卫生健康委员会', shortName: '市卫健委', regionCode: XZ, phone: '0350-3033120' },
  { key: 'jtj', name: '忻州市交通运输局', shortName: '市交通运输局', regionCode: XZ, phone: '0350-3030961' },
  { key: 'gjj', name: '忻州市住房公积金管理中心', shortName: '市公积金中心', regionCode: XZ, phone: '0350-3026012' },
  { key: 'bdc', name: '忻州市不动产登记中心', shortName: '市不动产登记中心', regionCode: XZ, phone: '0350-3366052' },
  { key: 'jyj', name: '忻州市教育局', shortName: '市教育局', regionCode: XZ, phone: '0350-3031524' },
  { key: 'rfb', name: '忻州市人民防空办公室', shortName: '市人防办', regionCode: XZ, phone: '0350-3034118' },
  { key: 'rmyh', name: '中国人民银行忻州市分行', shortName: '人民银行忻州市分行', regionCode: XZ, phone: '0350-3027206' },
]

/** Consultation numbers used on the guides: the department line or the national hotline of the sector. */
export const PHONES = {
  xzsp: '0350-3336020',
  scjg: '0350-3033260',
  tax: '12366',
  zrzy: '0350-3032516',
  zjj: '0350-3030412',
  hrss: '12333',
  ybj: '12393',
  gaj: '0350-3336110',
  jiaojing: '0350-3037122',
  fgw: '0350-3033031',
  sfj: '0350-3039348',
  legalAid: '12348',
  mzj: '0350-3034563',
  marriage: '0350-3034570',
  wjw: '0350-3033120',
  jtj: '12328',
  gjj: '12329',
  bdc: '0350-3366052',
  jyj: '0350-3031524',
  rfb: '0350-3034118',
  rmyh: '0350-3027206',
} as const

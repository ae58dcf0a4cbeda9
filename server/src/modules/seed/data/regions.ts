import type { SeedRegion } from './types'

/** 忻州市 region code. */
export const XZ = '140900'

/**
 * 忻州市 and its 16 county-level divisions (14 with official codes; 忻州经济开发区 and 五台山风景名胜区 have none and use
 * 140971 / 140972), plus the townships (9 digits) and villages / communities (12 digits) that host the demo service points.
 * Township and village codes follow the statistical numbering scheme (街道 0xx, 镇 1xx; 社区 0xx, 村 2xx) but are
 * demo values, not checked against the official list.
 */
export const regions: SeedRegion[] = [
  { code: XZ, name: '忻州市', level: 'city', seat: '忻府区' },

  // County level
  { code: '140902', name: '忻府区', level: 'county', parentCode: XZ, seat: '新建路街道' },
  { code: '140981', name: '原平市', level: 'county', parentCode: XZ, seat: '北城街道' },
  { code: '140921', name: '定襄县', level: 'county', parentCode: XZ, seat: '晋昌镇' },
  { code: '140922', name: '五台县', level: 'county', parentCode: XZ, seat: '台城镇' },
  { code: '140923', name: '代县', level: 'county', parentCode: XZ, seat: '上馆镇' },
  { code: '140924', name: '繁峙县', level: 'county', parentCode: XZ, seat: '繁城镇' },
  { code: '140925', name: '宁武县', level: 'county', parentCode: XZ, seat: '凤凰镇' },
  { code: '140926', name: '静乐县', level: 'county', parentCode: XZ, seat: '鹅城镇' },
  { code: '140927', name: '神池县', level: 'county', parentCode: XZ, seat: '龙泉镇' },
  { code: '140928', name: '五寨县', level: 'county', parentCode: XZ, seat: '砚城镇' },
  { code: '140929', name: '岢岚县', level: 'county', parentCode: XZ, seat: '岚漪镇' },
  { code: '140930', name: '河曲县', level: 'county', parentCode: XZ, seat: '文笔镇' },
  { code: '140931', name: '保德县', level: 'county', parentCode: XZ, seat: '东关镇' },
  { code: '140932', name: '偏关县', level: 'county', parentCode: XZ, seat: '新关镇' },
  { code: '140971', name: '忻州经济开发区', level: 'county', parentCode: XZ, seat: '开发区管委会驻地' },
  { code: '140972', name: '五台山风景名胜区', level: 'county', parentCode: XZ, seat: '台怀镇' },

  // Township level (乡镇、街道)
  { code: '140902001', name: '新建路街道', level: 'township', parentCode: '140902', seat: '新建路' },
  { code: '140902100', name: '奇村镇', level: 'township', parentCode: '140902', seat: '奇村' },
  { code: '140981100', name: '崞阳镇', level: 'township', parentCode: '140981', seat: '崞阳村' },
  { code: '140921100', name: '河边镇', level: 'township', parentCode: '140921', seat: '河边村' },
  { code: '140922101', name: '东冶镇', level: 'township', parentCode: '140922', seat: '东冶村' },
  { code: '140923102', name: '峨口镇', level: 'township', parentCode: '140923', seat: '峨口村' },
  { code: '140924100', name: '砂河镇', level: 'township', parentCode: '140924', seat: '砂河村' },
  { code: '140972100', name: '台怀镇', level: 'township', parentCode: '140972', seat: '台怀村' },

  // Village level (村、社区)
  { code: '140902001003', name: '和平社区', level: 'village', parentCode: '140902001' },
  { code: '140902100201', name: '奇村村', level: 'village', parentCode: '140902100' },
  { code: '140981100203', name: '东社村', level: 'village', parentCode: '140981100' },
  { code: '140921100201', name: '河边村', level: 'village', parentCode: '140921100' },
  { code: '140924100205', name: '东沿口村', level: 'village', parentCode: '140924100' },
]

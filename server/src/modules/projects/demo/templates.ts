import type { ProjectTemplateInput, ProjectTemplateItemInput } from '@xz/shared'

/**
 * Demo checklist templates (示例数据) for the four project types, after Shanxi's 工程建设项目审批 practice: the
 * promised limits are the shortened ones counties publish (e.g. 繁峙经济开发区: 13 approvals in parallel, 60 → 20
 * working days); the legal limits are those of the laws and rules behind each item.
 */
type Item = ProjectTemplateItemInput

const item = (key: string, name: string, stage: Item['stage'], departmentName: string, legalDays: number, promisedDays: number, dependsOn: string[] = [], extra: Partial<Item> = {}): Item => ({
  key,
  name,
  stage,
  departmentName,
  legalDays,
  promisedDays,
  dependsOn,
  ...extra,
})

const commitment = { commitmentAllowed: true }

const general: Item[] = [
  item('beian', '企业投资项目备案', 'land_planning', '市发改委', 5, 1, [], { documentName: '项目备案证' }),
  item('ydys', '建设项目用地预审与选址意见书', 'land_planning', '市自然资源局', 20, 7, [], { documentName: '用地预审与选址意见书' }),
  item('huanping', '建设项目环境影响评价审批（报告表）', 'land_planning', '市生态环境局', 30, 10, [], { ...commitment, documentName: '环评批复' }),
  item('jieneng', '固定资产投资项目节能审查', 'land_planning', '市行政审批局', 20, 5, ['beian'], { ...commitment, documentName: '节能审查意见' }),
  item('ydgh', '建设用地规划许可证', 'land_planning', '市自然资源局', 20, 5, ['ydys'], { documentName: '建设用地规划许可证' }),
  item('tdzs', '国有建设用地使用权首次登记', 'land_planning', '市不动产登记中心', 30, 5, ['ydgh'], { documentName: '不动产权证书（土地）' }),
  item('fasj', '建设工程设计方案审查', 'engineering', '市自然资源局', 20, 7, ['ydgh']),
  item('gcgh', '建设工程规划许可证', 'engineering', '市自然资源局', 20, 5, ['fasj', 'beian'], { ...commitment, documentName: '建设工程规划许可证' }),
  item('sgt', '施工图设计文件审查（多审合一）', 'construction', '市住建局', 20, 7, ['gcgh'], { documentName: '施工图审查合格书' }),
  item('xfsj', '特殊建设工程消防设计审查', 'construction', '市住建局', 15, 7, ['gcgh'], { documentName: '消防设计审查意见书' }),
  item('renfang', '防空地下室易地建设审批', 'construction', '市人防办', 20, 5, ['gcgh'], { ...commitment }),
  item('jkzh', '基坑支护和土方开挖施工许可（分阶段）', 'construction', '市行政审批局', 7, 2, ['sgt'], { earlyStartDependsOn: ['tdzs'], documentName: '基坑支护和土方开挖施工许可' }),
  item('sgxk', '建筑工程施工许可证', 'construction', '市行政审批局', 7, 3, ['sgt', 'xfsj', 'renfang', 'jkzh'], { documentName: '建筑工程施工许可证' }),
  item('sgjs', '施工建设（建设单位组织实施）', 'construction', '建设单位', 120, 120, ['sgxk'], { milestone: true }),
  item('lhys', '竣工联合验收（规划、消防、人防、档案）', 'acceptance', '市住建局', 20, 10, ['sgjs'], { documentName: '联合验收意见书' }),
  item('jgba', '竣工验收备案', 'acceptance', '市住建局', 5, 3, ['lhys'], { documentName: '竣工验收备案表' }),
  item('scdj', '不动产首次登记', 'registration', '市不动产登记中心', 30, 5, ['jgba'], { documentName: '不动产权证书' }),
]

const standardLand: Item[] = [
  item('beian', '企业投资项目备案', 'land_planning', '市发改委', 5, 1, [], { documentName: '项目备案证' }),
  item('crht', '标准地出让合同签订与“标准地”指标承诺', 'land_planning', '市自然资源局', 10, 2, [], { ...commitment, documentName: '国有建设用地使用权出让合同' }),
  item('ydgh', '建设用地规划许可证（与出让合同同步核发）', 'land_planning', '市自然资源局', 20, 1, ['crht'], { documentName: '建设用地规划许可证' }),
  item('tdzs', '国有建设用地使用权首次登记', 'land_planning', '市不动产登记中心', 30, 2, ['crht'], { documentName: '不动产权证书（土地）' }),
  item('gcgh', '建设工程规划许可证（设计方案联审）', 'engineering', '市自然资源局', 20, 5, ['ydgh', 'beian'], { ...commitment, documentName: '建设工程规划许可证' }),
  item('sgt', '施工图设计文件审查（告知承诺）', 'construction', '市住建局', 20, 5, ['gcgh'], { ...commitment, documentName: '施工图审查合格书' }),
  item('xfsj', '特殊建设工程消防设计审查', 'construction', '市住建局', 15, 5, ['gcgh'], { documentName: '消防设计审查意见书' }),
  item('jkzh', '基坑支护和土方开挖施工许可（分阶段）', 'construction', '市行政审批局', 7, 1, ['sgt'], { earlyStartDependsOn: ['tdzs'], documentName: '基坑支护和土方开挖施工许可' }),
  item('sgxk', '建筑工程施工许可证', 'construction', '市行政审批局', 7, 2, ['sgt', 'xfsj', 'jkzh'], { documentName: '建筑工程施工许可证' }),
  item('sgjs', '施工建设（建设单位组织实施）', 'construction', '建设单位', 100, 100, ['sgxk'], { milestone: true }),
  item('lhys', '竣工联合验收（含“标准地”指标复核）', 'acceptance', '市住建局', 20, 7, ['sgjs'], { documentName: '联合验收意见书' }),
  item('jgba', '竣工验收备案', 'acceptance', '市住建局', 5, 2, ['lhys'], { documentName: '竣工验收备案表' }),
  item('scdj', '不动产首次登记（验收即发证）', 'registration', '市不动产登记中心', 30, 1, ['jgba'], { documentName: '不动产权证书' }),
]

const realEstate: Item[] = [
  item('beian', '企业投资项目备案', 'land_planning', '市发改委', 5, 1, [], { documentName: '项目备案证' }),
  item('ydgh', '建设用地规划许可证', 'land_planning', '市自然资源局', 20, 5, [], { documentName: '建设用地规划许可证' }),
  item('tdzs', '国有建设用地使用权首次登记', 'land_planning', '市不动产登记中心', 30, 5, ['ydgh'], { documentName: '不动产权证书（土地）' }),
  item('fasj', '建设工程设计方案审查（含日照分析）', 'engineering', '市自然资源局', 20, 10, ['ydgh']),
  item('gcgh', '建设工程规划许可证', 'engineering', '市自然资源局', 20, 5, ['fasj', 'beian'], { documentName: '建设工程规划许可证' }),
  item('sgt', '施工图设计文件审查（多审合一）', 'construction', '市住建局', 20, 10, ['gcgh'], { documentName: '施工图审查合格书' }),
  item('xfsj', '特殊建设工程消防设计审查', 'construction', '市住建局', 15, 7, ['gcgh'], { documentName: '消防设计审查意见书' }),
  item('renfang', '人防工程设计审查', 'construction', '市人防办', 20, 7, ['gcgh'], { ...commitment }),
  item('sgxk', '建筑工程施工许可证', 'construction', '市行政审批局', 7, 3, ['sgt', 'xfsj', 'renfang', 'tdzs'], { documentName: '建筑工程施工许可证' }),
  item('ysxk', '商品房预售许可', 'construction', '市住建局', 10, 5, ['sgxk'], { documentName: '商品房预售许可证' }),
  item('sgjs', '施工建设（建设单位组织实施）', 'construction', '建设单位', 200, 200, ['sgxk'], { milestone: true }),
  item('lhys', '竣工联合验收（规划、消防、人防、档案）', 'acceptance', '市住建局', 20, 10, ['sgjs'], { documentName: '联合验收意见书' }),
  item('jgba', '竣工验收备案', 'acceptance', '市住建局', 5, 3, ['lhys'], { documentName: '竣工验收备案表' }),
  item('scdj', '不动产首次登记', 'registration', '市不动产登记中心', 30, 5, ['jgba'], { documentName: '不动产权证书' }),
]

const municipal: Item[] = [
  item('kyxbf', '政府投资项目可行性研究报告批复', 'land_planning', '市发改委', 20, 10, [], { documentName: '可研批复' }),
  item('ydys', '建设项目用地预审与选址意见书', 'land_planning', '市自然资源局', 20, 7, [], { documentName: '用地预审与选址意见书' }),
  item('huanping', '建设项目环境影响评价审批', 'land_planning', '市生态环境局', 30, 10, [], { ...commitment, documentName: '环评批复' }),
  item('ydgh', '建设用地规划许可证（划拨）', 'land_planning', '市自然资源局', 20, 5, ['ydys', 'kyxbf'], { documentName: '建设用地规划许可证' }),
  item('cbsj', '初步设计及概算审批', 'engineering', '市行政审批局', 20, 10, ['kyxbf']),
  item('gcgh', '建设工程规划许可证', 'engineering', '市自然资源局', 20, 5, ['ydgh', 'cbsj'], { documentName: '建设工程规划许可证' }),
  item('sgt', '施工图设计文件审查', 'construction', '市住建局', 20, 7, ['gcgh'], { documentName: '施工图审查合格书' }),
  item('sgxk', '建筑工程施工许可证', 'construction', '市行政审批局', 7, 3, ['sgt'], { documentName: '建筑工程施工许可证' }),
  item('sgjs', '施工建设（建设单位组织实施）', 'construction', '建设单位', 150, 150, ['sgxk'], { milestone: true }),
  item('lhys', '竣工联合验收', 'acceptance', '市住建局', 20, 10, ['sgjs'], { documentName: '联合验收意见书' }),
  item('jgba', '竣工验收备案', 'acceptance', '市住建局', 5, 3, ['lhys'], { documentName: '竣工验收备案表' }),
  item('scdj', '不动产首次登记', 'registration', '市不动产登记中心', 30, 5, ['jgba'], { documentName: '不动产权证书' }),
]

export const DEMO_TEMPLATES: ProjectTemplateInput[] = [
  { name: '一般工业项目审批清单', type: '一般工业项目', description: '企业投资一般工业项目从立项到不动产登记的审批事项（示例数据）。审批事项并联办理，承诺时限合计不超过 45 个工作日。', items: general },
  { name: '标准地工业项目审批清单', type: '标准地工业项目', description: '“标准地”出让的工业项目：区域评估成果共享、指标承诺，可选“拿地即开工”（示例数据）。', items: standardLand },
  { name: '房地产开发项目审批清单', type: '房地产开发', description: '商品住宅及商业房地产开发项目的审批事项（示例数据）。', items: realEstate },
  { name: '市政基础设施项目审批清单', type: '市政基础设施', description: '政府投资的道路、管网等市政基础设施项目的审批事项（示例数据）。', items: municipal },
]

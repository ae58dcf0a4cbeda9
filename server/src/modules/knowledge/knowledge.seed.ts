import type mongoose from 'mongoose'
import { now } from '../../lib/clock'
import { DEMO_KNOWLEDGE } from './demo-entries'
import { Knowledge } from './knowledge.model'
import { searchFieldsOf } from './knowledge.service'

const DAY = 24 * 3_600_000

/**
 * ~60 demo knowledge entries (示例数据) on high-frequency 12345 questions, owned by the city's departments
 * (`departmentOf` resolves the demo data's department keys). Returns how many were written.
 */
export async function seedKnowledge(departmentOf: (key: string) => mongoose.Types.ObjectId): Promise<number> {
  const at0 = now()
  await Knowledge.insertMany(
    DEMO_KNOWLEDGE.map((k, i) => ({
      title: k.title,
      categoryPath: k.categoryPath,
      content: `${k.content}（示例数据）`,
      keywords: k.keywords,
      departmentId: departmentOf(k.dept),
      type: k.type,
      // reviews spread over the last six weeks, so that some are due for their monthly review
      reviewedAt: new Date(at0.getTime() - ((i * 7) % 45) * DAY),
      // the search text is built from the content without the 示例数据 mark, as before
      ...searchFieldsOf({ title: k.title, keywords: k.keywords, categoryPath: k.categoryPath, content: k.content }),
      demo: true,
    })),
  )
  return DEMO_KNOWLEDGE.length
}

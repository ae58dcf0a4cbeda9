import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PROJECT_FORMS, type ProjectForm } from '@xz/shared'
import { ensureLogin } from '@/api/auth'
import { fetchAgencyForm } from '@/api/projects'
import { ApiError } from '@/api/request'
import { MISSING, StateView } from '@/components/StateView'
import { useAsync } from '@/hooks/useAsync'
import { useElderMode } from '@/stores/elder'
import { fullDate } from '../lib/format'
import { Btn } from '../lib/ui'
import '../projects.scss'

const DATE_LABELS: Record<ProjectForm, string> = { entrustment: '委托日期', completion: '办结日期', termination: '终止日期' }

/** A printable 帮(代)办委托书 / 办结单 / 终止单 (DB14/T 2233—2020); on H5 the 打印 button prints just the form. */
export default function AgencyFormPage() {
  const { elderClass } = useElderMode()
  const { id = '', form = '' } = useRouter().params
  const valid = (PROJECT_FORMS as readonly string[]).includes(form)
  const doc = useAsync(
    () => (id && valid ? ensureLogin().then(() => fetchAgencyForm(id, form as ProjectForm)) : Promise.reject(new ApiError('NOT_FOUND', 404, MISSING))),
    [id, form]
  )
  const d = doc.data
  const canPrint = process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && typeof window.print === 'function'

  return (
    <View className={`page prj-root ${elderClass}`} data-testid='agency-form-page'>
      <StateView loading={doc.loading && !d} error={doc.error} onRetry={doc.reload}>
        {d && (
          <View>
            {canPrint && (
              <View className='prj__actions prj-noprint'>
                <Btn testId='form-print' onClick={() => window.print()}>
                  打印
                </Btn>
              </View>
            )}
            <View className='prj-print' data-testid='agency-form'>
              <Text className='prj-print__title' data-testid='agency-form-title'>
                {d.title}
              </Text>
              <Text className='prj-print__number'>
                {d.number}
                {d.demo ? '（示例数据）' : ''}
              </Text>
              <View className='prj-print__line'>
                <Text className='prj-print__key'>项目名称</Text>
                <Text className='prj-print__val'>{d.projectName}</Text>
              </View>
              {d.projectCode && (
                <View className='prj-print__line'>
                  <Text className='prj-print__key'>项目代码</Text>
                  <Text className='prj-print__val'>{d.projectCode}</Text>
                </View>
              )}
              <View className='prj-print__line'>
                <Text className='prj-print__key'>委托单位</Text>
                <Text className='prj-print__val'>{d.enterpriseName}</Text>
              </View>
              <View className='prj-print__line'>
                <Text className='prj-print__key'>统一社会信用代码</Text>
                <Text className='prj-print__val'>{d.creditCode}</Text>
              </View>
              {d.signerName && (
                <View className='prj-print__line'>
                  <Text className='prj-print__key'>委托人</Text>
                  <Text className='prj-print__val'>
                    {d.signerName}
                    {d.signerMobile ? `  ${d.signerMobile}` : ''}
                  </Text>
                </View>
              )}
              <View className='prj-print__line'>
                <Text className='prj-print__key'>项目长</Text>
                <Text className='prj-print__val'>
                  {d.leader ? `${d.leader.name}${d.leader.title ? `（${d.leader.title}）` : ''}${d.leader.mobile ? `  ${d.leader.mobile}` : ''}` : '—'}
                </Text>
              </View>
              {d.agents.length > 0 && (
                <View className='prj-print__line'>
                  <Text className='prj-print__key'>代办员</Text>
                  <Text className='prj-print__val'>{d.agents.map((a) => `${a.name}${a.mobile ? ` ${a.mobile}` : ''}`).join('；')}</Text>
                </View>
              )}
              <View className='prj-print__line'>
                <Text className='prj-print__key'>{DATE_LABELS[d.form]}</Text>
                <Text className='prj-print__val'>{fullDate(d.date)}</Text>
              </View>
              {d.reason && (
                <View className='prj-print__line'>
                  <Text className='prj-print__key'>原因</Text>
                  <Text className='prj-print__val'>{d.reason}</Text>
                </View>
              )}
              {d.clauses.length > 0 && <Text className='prj-print__clause'>{d.clauses[0]}</Text>}
              <Text className='prj-print__clause'>{d.form === 'entrustment' ? '委托代办事项：' : '代办事项及办理结果：'}</Text>
              {d.items.map((i, n) => (
                <View key={i.key} className='prj-print__item' data-testid='agency-form-item'>
                  <Text>
                    {n + 1}. {i.name}（{i.departmentName}，承诺 {i.promisedDays} 个工作日）· {i.status}
                    {i.doneOn ? ` · ${fullDate(i.doneOn)} 办结` : ''}
                  </Text>
                </View>
              ))}
              {d.clauses.slice(1).map((c, n) => (
                <Text key={n} className='prj-print__clause'>
                  {c}
                </Text>
              ))}
              <View className='prj-print__sign'>
                <Text>委托单位（盖章）：</Text>
                <Text>受托单位（盖章）：{d.issuer}</Text>
              </View>
              <View className='prj-print__sign'>
                <Text>经办人签字：</Text>
                <Text>日期：{fullDate(d.date)}</Text>
              </View>
            </View>
          </View>
        )}
      </StateView>
    </View>
  )
}

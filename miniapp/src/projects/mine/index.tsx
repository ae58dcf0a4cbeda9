import { useShownVersion } from '@/hooks/useShownVersion'
import { Text, View } from '@tarojs/components'
import { ensureLogin } from '@/api/auth'
import { fetchMyProjects } from '@/api/projects'
import { StateView } from '@/components/StateView'
import { useAsync } from '@/hooks/useAsync'
import { useElderMode } from '@/stores/elder'
import { goLogin } from '@/utils/loginReturn'
import { Btn, go } from '../lib/ui'
import { ProjectCard } from '../lib/view'
import '../projects.scss'

/** 我的项目: the enterprise's investment projects (全代办), the ones at risk first. */
export default function MyProjectsPage() {
  const { elderClass } = useElderMode()
  const version = useShownVersion()
  const list = useAsync(() => ensureLogin().then(fetchMyProjects), [version])
  const items = list.data?.items ?? []
  const needProfile = list.errorCode === 'ENTERPRISE_PROFILE_REQUIRED'

  return (
    <View className={`page prj-root ${elderClass}`} data-testid='my-projects'>
      <View className='section'>
        <Text className='prj__title'>我的项目 · 全代办</Text>
        <Text className='prj__hint'>一项目一方案一清单：每个审批事项的进度、下一步、逾期事项和负责的项目长、代办员都在这里。</Text>
      </View>
      {needProfile ? (
        <View className='section' data-testid='projects-need-profile'>
          <Text className='prj__text'>请先认领您的企业（填写企业画像），项目按统一社会信用代码关联到认领企业的账号。</Text>
          <Btn testId='projects-profile' onClick={() => go('/enterprise/profile/index')}>
            填写企业画像
          </Btn>
        </View>
      ) : (
        <StateView
          loading={list.loading && !list.data}
          error={list.error}
          onRetry={list.reload}
          errorAction={
            list.errorCode === 'UNAUTHENTICATED' ? (
              <Btn testId='projects-login' onClick={() => goLogin('/projects/mine/index')}>
                去登录
              </Btn>
            ) : undefined
          }
          empty={items.length === 0}
          emptyText='暂无投资项目'
          emptyExtra={
            <View className='section'>
              <Text className='prj__text'>项目由政务服务管理局登记立项后，按企业的统一社会信用代码显示在这里。</Text>
              <Text className='prj__hint'>如需全程帮办代办，请联系所在县（市、区）政务服务中心项目服务窗口。</Text>
              <View className='prj__actions'>
                <Btn variant='plain' testId='projects-claim' onClick={() => go('/enterprise/profile/index')}>
                  认领企业 · 填写企业画像
                </Btn>
              </View>
            </View>
          }
        >
          <Text className='prj__meta' data-testid='my-projects-count'>
            共 {list.data?.total ?? 0} 个项目{items.some((p) => p.atRisk) ? `，其中 ${items.filter((p) => p.atRisk).length} 个有逾期事项` : ''}
          </Text>
          {items.map((p) => (
            <ProjectCard key={p.id} p={p} url={`/projects/detail/index?id=${p.id}`} />
          ))}
        </StateView>
      )}
    </View>
  )
}

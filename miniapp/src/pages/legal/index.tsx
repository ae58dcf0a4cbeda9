import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { PRIVACY, TERMS } from '@xz/shared'
import { useElderMode } from '@/stores/elder'
import { AGREE_PRIVACY_BUTTON_ID, answerAuthorization, hasPendingAuthorization } from '@/utils/privacy-authorization'
import './index.scss'

/** 用户协议 (?kind=terms) or 隐私政策 (?kind=privacy); with &authorize=1 (weapp) the WeChat privacy consent. */
export default function LegalPage() {
  const { params } = useRouter()
  const { elderClass } = useElderMode()
  const doc = params.kind === 'terms' ? TERMS : PRIVACY
  const authorizing = params.authorize === '1' && hasPendingAuthorization()
  Taro.setNavigationBarTitle({ title: doc.title }).catch(() => undefined)

  const answer = (agree: boolean) => {
    answerAuthorization(agree)
    void Taro.navigateBack()
  }

  return (
    <View className={`page legal ${elderClass}`} data-testid={`legal-${doc.kind}`}>
      <View className='section'>
        <Text className='legal__title'>{doc.title}</Text>
        <Text className='muted legal__version'>版本：{doc.version}</Text>
        {doc.sections.map((s) => (
          <View key={s.heading} className='legal__section'>
            <Text className='legal__heading'>{s.heading}</Text>
            <Text className='legal__body'>{s.body}</Text>
          </View>
        ))}
      </View>
      {authorizing && (
        <View className='section legal__actions'>
          <Button block onClick={() => answer(false)}>
            不同意
          </Button>
          <Button
            block
            type='primary'
            id={AGREE_PRIVACY_BUTTON_ID}
            openType={'agreePrivacyAuthorization' as never}
            onClick={() => answer(true)}
          >
            同意
          </Button>
        </View>
      )}
    </View>
  )
}

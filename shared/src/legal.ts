/**
 * 用户协议 and 隐私政策 (SPEC §2.10): versioned texts shown by the mini-program; the version a person agreed to
 * is recorded on the server before the first personal data is collected. A new version means a new agreement.
 */
export const LEGAL_VERSION = '2026-12-01'

/** 注销账号: what replaces a deleted person's name wherever a name is required (bookings, ratings, work orders). */
export const ERASED_NAME = '已注销用户'
/** What replaces the mobile number (not a number: masking shows '***'). */
export const ERASED_MOBILE = '-'
/** What replaces the text a deleted person wrote where the text is required (a 12345 诉求). */
export const ERASED_TEXT = '（内容已随账号注销删除）'
/** What replaces the enterprise name of a deleted account's 申报 records. */
export const ERASED_ENTERPRISE = '已注销账号的企业'

export interface LegalDoc {
  kind: 'terms' | 'privacy'
  title: string
  version: string
  sections: { heading: string; body: string }[]
}

export const TERMS: LegalDoc = {
  kind: 'terms',
  title: '用户协议',
  version: LEGAL_VERSION,
  sections: [
    { heading: '一、服务内容', body: '“忻州政务·无忧办”由忻州市政务服务管理部门提供，用于查询办事指南、预约延时错时和周末服务、到厅签到取号、对政务服务进行评价。' },
    { heading: '二、账号', body: '您使用微信授权登录。请妥善保管您的微信账号；以您的账号进行的预约、取消、评价等操作视为您本人的操作。' },
    { heading: '三、预约规则', body: '请如实填写办事人信息，按时到厅办理。多次预约不到场的，系统将按规则暂停预约资格。不得使用脚本等方式批量预约、倒卖号源。' },
    { heading: '四、评价', body: '评价应客观真实，不得包含违法、侮辱或他人个人信息等内容。差评将进入整改流程，您可以查看进度并进行回访评价。' },
    { heading: '五、注销', body: '您可以随时在“我的—注销账号”中注销账号。注销后您的个人信息将被删除或匿名化处理，已发生的业务仅以匿名形式保留用于统计。' },
  ],
}

export const PRIVACY: LegalDoc = {
  kind: 'privacy',
  title: '隐私政策',
  version: LEGAL_VERSION,
  sections: [
    { heading: '一、我们收集的信息', body: '微信登录标识（openid）；您预约时填写的姓名、手机号，企业办事时的企业名称和统一社会信用代码；您的预约、签到、评价记录；您授权时的位置信息（仅用于查找附近网点，不保存）。' },
    { heading: '二、使用目的', body: '仅用于办理预约、到厅核验、叫号、发送预约提醒和评价整改反馈。不用于营销，不向第三方提供，法律法规另有规定的除外。' },
    { heading: '三、展示与保护', body: '工作人员列表中的姓名、手机号均做脱敏显示；数据保存在政务服务中心的服务器上，传输加密，访问按岗位授权并留存操作日志。' },
    { heading: '四、保存期限', body: '预约和评价记录按政务服务评价管理要求保存；注销账号后，个人信息即时删除或匿名化，匿名统计数据继续保留。' },
    { heading: '五、您的权利', body: '您可以在“我的”中查看、更正个人信息，导出您的全部数据（导出我的数据），或注销账号。如有疑问，请拨打 12345 政务服务便民热线。' },
  ],
}

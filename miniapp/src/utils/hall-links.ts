import Taro from '@tarojs/taro'

/** Where a point is, for the phone and map links of the point page. */
export interface PlaceRef {
  name: string
  address: string
  location: { lat: number; lng: number }
  phone?: string
}

export const isH5 = (): boolean => process.env.TARO_ENV === 'h5'

/**
 * 高德地图 marker page for H5 (coordinates are GCJ-02, as 高德 expects: `coordinate=gaode`); on a phone it offers to
 * open the 高德 app, elsewhere it shows the map in the browser.
 */
export function amapMarkerUrl(p: PlaceRef): string {
  const q = [
    `position=${p.location.lng},${p.location.lat}`,
    `name=${encodeURIComponent(p.name)}`,
    `src=${encodeURIComponent('忻州政务·无忧办')}`,
    'coordinate=gaode',
    'callnative=1',
  ]
  return `https://uri.amap.com/marker?${q.join('&')}`
}

/** WeChat: the built-in map with its route planning. */
export function openMap(p: PlaceRef): void {
  Promise.resolve()
    .then(() => Taro.openLocation({ latitude: p.location.lat, longitude: p.location.lng, name: p.name, address: p.address, scale: 16 }))
    .catch(() => Taro.showToast({ title: '无法打开地图', icon: 'none' }))
}

/** WeChat: the system dialer. */
export function callPhone(phone: string): void {
  Promise.resolve()
    .then(() => Taro.makePhoneCall({ phoneNumber: phone }))
    .catch(() => undefined)
}

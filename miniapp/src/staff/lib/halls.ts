import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { hallContract, type HallSummary, type Me } from '@xz/shared'
import { call } from '@/api/request'
import { fetchHall } from '../api'

export type HallRef = Pick<HallSummary, 'id' | 'name'>

const HALL_KEY = 'xz.staff.hallId'

/** The points the account works for: staff → their hallIds; administrators → every point of their region. */
async function loadHalls(me: Me): Promise<HallRef[]> {
  if (me.hallIds && me.hallIds.length > 0) {
    return Promise.all(
      me.hallIds.map((id) =>
        fetchHall(id).then(
          (h) => ({ id: h.id, name: h.name }),
          () => ({ id, name: `网点 ${id.slice(-4)}` })
        )
      )
    )
  }
  if (me.role === 'admin') {
    const page = await call(hallContract.list, { query: { pageSize: 50, regionCode: me.regionCode } })
    return page.items.map((h) => ({ id: h.id, name: h.name }))
  }
  return []
}

export interface HallChoice {
  halls: HallRef[]
  hall: HallRef | undefined
  choose: (id: string) => void
  loading: boolean
}

/** The point the desk works on, remembered between screens. */
export function useHallChoice(me: Me | null): HallChoice {
  const [halls, setHalls] = useState<HallRef[]>([])
  const [hallId, setHallId] = useState<string>(() => String(Taro.getStorageSync(HALL_KEY) || ''))
  const [loading, setLoading] = useState(true)

  useEffect(() => {
    if (!me) return
    let active = true
    loadHalls(me)
      .catch(() => [])
      .then((list) => {
        if (!active) return
        setHalls(list)
        setLoading(false)
      })
    return () => {
      active = false
    }
  }, [me])

  const hall = halls.find((h) => h.id === hallId) ?? halls[0]
  const choose = (id: string) => {
    Taro.setStorageSync(HALL_KEY, id)
    setHallId(id)
  }
  return { halls, hall, choose, loading }
}

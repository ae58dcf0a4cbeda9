import { useState } from 'react'
import type { Me, QueueEntry } from '@xz/shared'
import { useAsync } from '@/hooks/useAsync'
import { callNext, fetchHall, fetchQueue, markNoShow, serveEntry, walkIn } from '../api'
import { actionError } from '../lib/format'
import { useHallChoice } from '../lib/halls'

export const who = (e: QueueEntry) => `${e.queueNumber} ${e.name ?? (e.kind === 'walkin' ? '现场取号' : '')}`.trim()

/**
 * The 叫号 desk's state and actions: the chosen point with its queue and items, the person at the window, and the
 * outcome of the last action. Each action reloads the queue, whether it succeeded or not.
 */
export function useQueueDesk(me: Me | null) {
  const { halls, hall, choose } = useHallChoice(me)
  const queue = useAsync(() => fetchQueue(hall!.id), [hall?.id], Boolean(hall))
  const detail = useAsync(() => fetchHall(hall!.id), [hall?.id], Boolean(hall))
  const [called, setCalled] = useState<QueueEntry | null>(null)
  const [message, setMessage] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [walkInName, setWalkInName] = useState('')
  const [walkInService, setWalkInService] = useState(0)

  const current = called ?? queue.data?.called[0] ?? null
  const services = detail.data?.services ?? []

  const run = async (action: () => Promise<void>) => {
    setBusy(true)
    setError('')
    setMessage('')
    try {
      await action()
    } catch (err) {
      setError(actionError(err))
    } finally {
      setBusy(false)
      queue.reload()
    }
  }

  /** Calls the next waiting person to the window. */
  const next = () =>
    run(async () => {
      const entry = await callNext(hall!.id)
      setCalled(entry)
      setMessage(entry ? `请 ${who(entry)} 到窗口办理` : '当前没有等候的人')
    })

  /** The person at the window was served, or did not come. */
  const finish = (kind: 'serve' | 'no-show') =>
    run(async () => {
      if (!current) return
      await (kind === 'serve' ? serveEntry(current) : markNoShow(current.id))
      setCalled(null)
      setMessage(kind === 'serve' ? `${current.queueNumber} 号已办结` : `${current.queueNumber} 号已标记爽约`)
    })

  /** A walk-in visitor takes a W-number for the chosen item. */
  const takeWalkIn = () =>
    run(async () => {
      const service = services[walkInService]
      if (!service) throw new Error('no service')
      const walkin = await walkIn({ hallId: hall!.id, serviceId: service.id, name: walkInName.trim() || undefined })
      setWalkInName('')
      setMessage(`现场取号成功：${walkin.queueNumber}`)
    })

  return { halls, hall, choose, queue, services, current, message, error, busy, walkInName, setWalkInName, walkInService, setWalkInService, next, finish, takeWalkIn }
}

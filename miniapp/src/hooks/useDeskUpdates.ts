import { useState } from 'react'

/** A desk list whose items act on themselves (12345 handler, dispatch and extension approvals): the message of
 *  the last act, and a version to reload the list with, since the item may have left it. */
export function useDeskUpdates() {
  const [version, setVersion] = useState(0)
  const [message, setMessage] = useState('')
  /** The onDone of the item `id`: says what was done to it and reloads the list. */
  const doneWith = (id: string) => (done: string) => {
    setMessage(`${id} ${done}`)
    setVersion((v) => v + 1)
  }
  return { version, message, doneWith }
}

/**
 * A call from one feature to a feature above it, which it must not import (features depend one way only; the
 * boundary rule is in eslint.config.js): the calling feature declares the port with the signature it needs, and
 * modules/wiring.ts plugs the other feature's implementation in, once, before the app or the jobs run.
 */
export class Port<T> {
  private impl: T | undefined

  constructor(readonly name: string) {}

  /** Plugs an implementation in; returns the one it replaces (tests put it back afterwards). */
  plug(impl: T): T | undefined {
    const previous = this.impl
    this.impl = impl
    return previous
  }

  /** The implementation; throws when modules/wiring.ts has not run (a process that skipped it). */
  get use(): T {
    if (this.impl === undefined) throw new Error(`port ${this.name} is not plugged in: import server/src/modules/wiring`)
    return this.impl
  }
}

import { haversineKm, type LatLng } from './halls.rules'

/**
 * A uniform latitude/longitude grid over points (pure, in memory): the nearest points to an origin or the points
 * within a radius without computing the distance to every point. Cells are `cellDeg` degrees square; a search
 * visits rings of cells around the origin's cell, and a point found in ring r is final once every point closer
 * than the ring's inner bound has been seen.
 *
 * A search never visits more cells than the grid holds points: an origin far from every point (the other side of the
 * globe) or a count beyond the points there are would otherwise walk millions of empty cells (ring r has 8r), which
 * blocks the process for seconds. Past that budget it measures every point instead, which costs no more than the
 * cells it would still have to visit.
 */
export interface GridItem {
  location: LatLng
}

const KM_PER_DEG_LAT = 111.32

export class GeoGrid<T extends GridItem> {
  private readonly cells = new Map<string, T[]>()
  private readonly minRow: number
  private readonly maxRow: number
  private readonly minCol: number
  private readonly maxCol: number

  constructor(
    readonly items: readonly T[],
    private readonly cellDeg = 0.05,
  ) {
    let minRow = Infinity
    let maxRow = -Infinity
    let minCol = Infinity
    let maxCol = -Infinity
    for (const it of items) {
      const [row, col] = this.cellOf(it.location)
      minRow = Math.min(minRow, row)
      maxRow = Math.max(maxRow, row)
      minCol = Math.min(minCol, col)
      maxCol = Math.max(maxCol, col)
      const key = `${row}:${col}`
      const list = this.cells.get(key)
      if (list) list.push(it)
      else this.cells.set(key, [it])
    }
    this.minRow = minRow
    this.maxRow = maxRow
    this.minCol = minCol
    this.maxCol = maxCol
  }

  private cellOf(p: LatLng): [number, number] {
    return [Math.floor(p.lat / this.cellDeg), Math.floor(p.lng / this.cellDeg)]
  }

  /** Points of the cells at Chebyshev distance `r` from (row, col). */
  private ring(row: number, col: number, r: number, out: T[]): void {
    const add = (i: number, j: number) => {
      const list = this.cells.get(`${i}:${j}`)
      if (list) for (const it of list) out.push(it)
    }
    if (r === 0) return add(row, col)
    for (let j = col - r; j <= col + r; j++) {
      add(row - r, j)
      add(row + r, j)
    }
    for (let i = row - r + 1; i <= row + r - 1; i++) {
      add(i, col - r)
      add(i, col + r)
    }
  }

  /** Distance (km) below which every point lies within rings 0..r of the origin's cell (points outside are farther). */
  private innerBoundKm(origin: LatLng, r: number): number {
    if (r === 0) return 0
    const lat = Math.min(89, Math.abs(origin.lat) + (r + 1) * this.cellDeg)
    const kmPerDegLng = KM_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180)
    // the origin may sit anywhere in its cell: only r full cells are guaranteed on each side
    return r * this.cellDeg * Math.min(KM_PER_DEG_LAT, kmPerDegLng) * 0.99
  }

  /** The start of a search: the origin's cell, the last ring with points, the nearest-first order; the visit count reset. */
  private startSearch(origin: LatLng, tieBreak: (a: T, b: T) => number) {
    const [row, col] = this.cellOf(origin)
    const last = this.maxRing(row, col)
    const byDistance = (a: { item: T; km: number }, b: { item: T; km: number }) => a.km - b.km || tieBreak(a.item, b.item)
    this.lastCellsVisited = 0
    return { row, col, last, byDistance }
  }

  /** The points of ring `r` around cell (row, col). */
  private ringItems(row: number, col: number, r: number): T[] {
    const batch: T[] = []
    this.ring(row, col, r, batch)
    return batch
  }

  /** Cells visited by the last search (for tests: the budget above holds). */
  lastCellsVisited = 0

  /** Cell lookups a search may make before it measures every point instead. */
  private get cellBudget(): number {
    return Math.max(64, 2 * this.items.length)
  }

  /** Whether ring `r` still fits the cell budget (ring r has 8r cells, ring 0 one); counts it when it does. */
  private visit(r: number): boolean {
    const cells = r === 0 ? 1 : 8 * r
    if (this.lastCellsVisited + cells > this.cellBudget) return false
    this.lastCellsVisited += cells
    return true
  }

  private everyPoint(origin: LatLng, accept: (it: T) => boolean): { item: T; km: number }[] {
    const all: { item: T; km: number }[] = []
    for (const it of this.items) if (accept(it)) all.push({ item: it, km: haversineKm(origin, it.location) })
    return all
  }

  private maxRing(row: number, col: number): number {
    if (this.items.length === 0) return -1
    return Math.max(row - this.minRow, this.maxRow - row, col - this.minCol, this.maxCol - col, 0)
  }

  /**
   * The `count` nearest points that pass `accept`, nearest first (ties in `tieBreak` order), each with its distance.
   */
  nearest(origin: LatLng, count: number, accept: (it: T) => boolean, tieBreak: (a: T, b: T) => number): { item: T; km: number }[] {
    const { row, col, last, byDistance } = this.startSearch(origin, tieBreak)
    const found: { item: T; km: number }[] = []
    for (let r = 0; r <= last; r++) {
      if (!this.visit(r)) return this.everyPoint(origin, accept).sort(byDistance).slice(0, count)
      for (const it of this.ringItems(row, col, r)) if (accept(it)) found.push({ item: it, km: haversineKm(origin, it.location) })
      if (found.length >= count) {
        found.sort(byDistance)
        // final once the count-th is closer than anything outside the rings seen so far
        if (found[count - 1].km < this.innerBoundKm(origin, r)) return found.slice(0, count)
      }
    }
    return found.sort(byDistance).slice(0, count)
  }

  /** Every point within `radiusKm` that passes `accept`, nearest first. */
  within(origin: LatLng, radiusKm: number, accept: (it: T) => boolean, tieBreak: (a: T, b: T) => number): { item: T; km: number }[] {
    const { row, col, last, byDistance } = this.startSearch(origin, tieBreak)
    const found: { item: T; km: number }[] = []
    for (let r = 0; r <= last; r++) {
      // everything in ring r and beyond lies farther than the rings 0..r-1 bound
      if (r > 0 && this.innerBoundKm(origin, r - 1) > radiusKm) break
      if (!this.visit(r)) return this.everyPoint(origin, accept).filter((x) => x.km <= radiusKm).sort(byDistance)
      for (const it of this.ringItems(row, col, r)) {
        if (!accept(it)) continue
        const km = haversineKm(origin, it.location)
        if (km <= radiusKm) found.push({ item: it, km })
      }
    }
    return found.sort(byDistance)
  }
}

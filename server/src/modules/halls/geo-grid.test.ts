import fc from 'fast-check'
import { GeoGrid } from './geo-grid'
import { haversineKm } from './halls.rules'

interface P {
  id: number
  location: { lat: number; lng: number }
  open: boolean
}

const byId = (a: P, b: P) => a.id - b.id
const point = fc.record({ lat: fc.double({ min: 38.0, max: 39.5, noNaN: true }), lng: fc.double({ min: 111.5, max: 113.5, noNaN: true }) })

function brute(points: P[], origin: { lat: number; lng: number }, accept: (p: P) => boolean) {
  return points
    .filter(accept)
    .map((p) => ({ item: p, km: haversineKm(origin, p.location) }))
    .sort((a, b) => a.km - b.km || byId(a.item, b.item))
}

describe('GeoGrid (nearby points without measuring every distance)', () => {
  it('returns the same nearest points, in the same order, as sorting every distance', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(point, fc.boolean()), { maxLength: 300 }), point, fc.integer({ min: 1, max: 40 }), (rows, origin, count) => {
        const points = rows.map(([location, open], id) => ({ id, location, open }))
        const grid = new GeoGrid(points, 0.05)
        const accept = (p: P) => p.open
        const got = grid.nearest(origin, count, accept, byId).map((x) => x.item.id)
        expect(got).toEqual(brute(points, origin, accept).slice(0, count).map((x) => x.item.id))
      }),
      { numRuns: 200 },
    )
  })

  it('returns exactly the points within a radius, nearest first', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 300 }), point, fc.double({ min: 0, max: 80, noNaN: true }), (locations, origin, radiusKm) => {
        const points = locations.map((location, id) => ({ id, location, open: true }))
        const grid = new GeoGrid(points, 0.05)
        const got = grid.within(origin, radiusKm, () => true, byId).map((x) => x.item.id)
        const want = brute(points, origin, () => true).filter((x) => x.km <= radiusKm).map((x) => x.item.id)
        expect(got).toEqual(want)
      }),
      { numRuns: 200 },
    )
  })

  it('gives the same answers for an origin far from every point or a count beyond them, within a cell budget', () => {
    const anywhere = fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lng: fc.double({ min: -180, max: 180, noNaN: true }) })
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 100 }), anywhere, fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 20000, noNaN: true }), (locations, origin, count, radiusKm) => {
        const points = locations.map((location, id) => ({ id, location, open: id % 3 !== 0 }))
        const grid = new GeoGrid(points, 0.05)
        const accept = (p: P) => p.open
        expect(grid.nearest(origin, count, accept, byId).map((x) => x.item.id)).toEqual(brute(points, origin, accept).slice(0, count).map((x) => x.item.id))
        expect(grid.lastCellsVisited).toBeLessThanOrEqual(Math.max(64, 2 * points.length))
        const want = brute(points, origin, accept).filter((x) => x.km <= radiusKm).map((x) => x.item.id)
        expect(grid.within(origin, radiusKm, accept, byId).map((x) => x.item.id)).toEqual(want)
        expect(grid.lastCellsVisited).toBeLessThanOrEqual(Math.max(64, 2 * points.length))
      }),
      { numRuns: 200 },
    )
  })

  it('visits few cells for the south pole against points in Xinzhou (ring r has 8r cells: thousands of rings would block the process)', () => {
    const points = [{ id: 1, location: { lat: 38.42, lng: 112.73 }, open: true }, { id: 2, location: { lat: 38.5, lng: 112.8 }, open: true }]
    const grid = new GeoGrid(points, 0.05)
    expect(grid.nearest({ lat: -89.99, lng: -179.99 }, 1982, () => true, byId).map((x) => x.item.id)).toEqual([1, 2])
    expect(grid.lastCellsVisited).toBeLessThanOrEqual(64)
    expect(grid.within({ lat: -89.99, lng: -179.99 }, 20000, () => true, byId).map((x) => x.item.id)).toEqual([1, 2])
    expect(grid.lastCellsVisited).toBeLessThanOrEqual(64)
  })

  it('handles an empty grid', () => {
    const grid = new GeoGrid<P>([])
    expect(grid.nearest({ lat: 38.4, lng: 112.7 }, 5, () => true, byId)).toEqual([])
    expect(grid.within({ lat: 38.4, lng: 112.7 }, 5, () => true, byId)).toEqual([])
  })
})

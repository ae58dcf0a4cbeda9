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

  it('handles an empty grid', () => {
    const grid = new GeoGrid<P>([])
    expect(grid.nearest({ lat: 38.4, lng: 112.7 }, 5, () => true, byId)).toEqual([])
    expect(grid.within({ lat: 38.4, lng: 112.7 }, 5, () => true, byId)).toEqual([])
  })
})

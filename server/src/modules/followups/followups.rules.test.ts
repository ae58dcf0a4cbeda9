import { summarizeDay, type SlotSeats } from './followups.rules'

const slot = (hallId: string, ruleId: string, start: string, end: string, remaining: number, capacity = 3): SlotSeats => ({
  hallId,
  ruleId,
  label: '双休日值班',
  start,
  end,
  capacity,
  remaining,
})

describe('summarizeDay (周末办)', () => {
  it('when a rule has several slots, then they form one session per point with the seats summed and its span', () => {
    const out = summarizeDay([slot('h1', 'r1', '09:00', '09:30', 3), slot('h1', 'r1', '09:30', '10:00', 1)], new Map([['r1', ['s1']]]))
    expect(out.halls).toEqual([
      { hallId: 'h1', sessions: [{ label: '双休日值班', start: '09:00', end: '10:00', capacity: 6, remaining: 4 }], remaining: 4, serviceIds: ['s1'] },
    ])
    expect(out.services).toEqual([{ serviceId: 's1', remaining: 4, hallIds: ['h1'] }])
  })

  it('when an item is offered at two points, then its seats add up and both points are named; full slots offer nothing', () => {
    const offers = new Map([
      ['r1', ['s1', 's2']],
      ['r2', ['s1']],
      ['r3', ['s3']],
    ])
    const out = summarizeDay([slot('h1', 'r1', '09:00', '09:30', 2), slot('h2', 'r2', '09:00', '09:30', 3), slot('h3', 'r3', '09:00', '09:30', 0)], offers)
    expect(out.services).toEqual([
      { serviceId: 's1', remaining: 5, hallIds: ['h1', 'h2'] },
      { serviceId: 's2', remaining: 2, hallIds: ['h1'] },
    ])
    // points with more seats first; a full point is still listed (约满), with no items
    expect(out.halls.map((h) => [h.hallId, h.remaining, h.serviceIds])).toEqual([
      ['h2', 3, ['s1']],
      ['h1', 2, ['s1', 's2']],
      ['h3', 0, []],
    ])
  })
})

import { averageLevel, emptyCounts, rateOf, ratingMetrics, ratingSummary } from './rating-metrics'

describe('rating figures from counts', () => {
  it('when nothing was rated, then every rate is null, not 0 or NaN', () => {
    const m = ratingMetrics(emptyCounts())
    expect(m).toMatchObject({ total: 0, goodRate: null, activeGoodRate: null, unratedRate: null, replyRate: null, average: null })
  })

  it('when counts are known, then each ratio follows its definition', () => {
    // 10 ratings: 5×3, 4×2, 3×2 (one of them a default), 2×2, 1×1; 12 served bookings, 7 of them actively rated;
    // the 3 差评: 2 replied, 2 followed up (满意 and 不满意).
    const m = ratingMetrics({
      levels: { '1': 1, '2': 2, '3': 2, '4': 2, '5': 3 },
      defaultLevels: { '1': 0, '2': 0, '3': 1, '4': 0, '5': 0 },
      served: 12,
      activelyRatedServed: 7,
      replied: 2,
      revisited: 2,
      revisitSatisfied: 1,
    })
    expect(m).toEqual({
      levels: { '1': 1, '2': 2, '3': 2, '4': 2, '5': 3 },
      total: 10,
      defaults: 1,
      good: 7,
      goodRate: 0.7,
      active: 9,
      activeGood: 6,
      activeGoodRate: 0.6667, // 6/9
      served: 12,
      unrated: 5,
      unratedRate: 0.4167, // 5/12
      bad: 3,
      replied: 2,
      replyRate: 0.6667,
      revisited: 2,
      revisitRate: 0.6667,
      revisitSatisfied: 1,
      revisitSatisfactionRate: 0.5,
      average: 3.4, // (15 + 8 + 6 + 4 + 1) / 10
    })
  })

  it('when more were rated than served in the period (ratings of earlier services), then 未评 is never negative', () => {
    expect(ratingMetrics({ ...emptyCounts(), served: 2, activelyRatedServed: 2 }).unrated).toBe(0)
  })

  it('when a summary is asked, then it carries count, 好评率 and the average', () => {
    expect(ratingSummary({ '1': 1, '2': 0, '3': 1, '4': 0, '5': 1 })).toEqual({
      count: 3,
      goodRate: 0.6667,
      average: 3,
      levels: { '1': 1, '2': 0, '3': 1, '4': 0, '5': 1 },
    })
    expect(rateOf(1, 3)).toBe(0.3333)
    expect(averageLevel({ '1': 0, '2': 0, '3': 0, '4': 1, '5': 2 })).toBe(4.67)
  })
})

import { regionContains, regionScopesOf } from './regions'

describe('regionContains', () => {
  it('when the parent is the city, then every code of the city lies within it; a county only holds its own codes', () => {
    expect(regionContains('140900', '140902001')).toBe(true)
    expect(regionContains('140902', '140902001')).toBe(true)
    expect(regionContains('140902', '140981')).toBe(false)
  })
})

describe('regionScopesOf', () => {
  it('when a code is a township, a county or a village, then the city and every overseeing region are listed', () => {
    expect(regionScopesOf('140902001')).toEqual(['140900', '140902', '140902001'])
    expect(regionScopesOf('140902')).toEqual(['140900', '140902'])
    expect(regionScopesOf('140981')).toEqual(['140900', '140981'])
    expect(regionScopesOf('140900')).toEqual(['140900'])
    expect(regionScopesOf('140981102203')).toEqual(['140900', '140981', '140981102', '140981102203'])
  })
})

import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import PoliciesPage from '@/enterprise/policies'
import { storage } from '../test/mocks/taro'
import { fakeApi, page } from './helpers/api'

const policy = (id: string, departmentId: string, departmentName: string, title: string) => ({
  id,
  title,
  departmentId,
  departmentName,
  docNumber: '忻政发〔2026〕1号',
  regionCode: '140900',
  status: 'published',
  validFrom: '2026-01-01',
  summary: '摘要',
  benefit: { kind: '补贴' },
  mode: 'apply',
  topics: [],
  demo: false
})
const A = policy('p1', 'd1', '忻州市人力资源和社会保障局', '稳岗补贴')
const B = policy('p2', 'd2', '忻州市科学技术局', '高新技术企业奖励')

describe('惠企政策 list', () => {
  beforeEach(() => storage.clear())
  afterEach(() => (Taro.request as jest.Mock).mockReset())

  it('when a department chip is chosen, then the list asks for that department only and shows its policies; tapping it again clears the filter', async () => {
    const calls = fakeApi({
      'GET /api/v1/policies': (req) => {
        const dept = (req.data as Record<string, unknown> | undefined)?.departmentId
        const items = dept ? [A, B].filter((p) => p.departmentId === dept) : [A, B]
        return page(items)
      }
    })
    render(<PoliciesPage />)
    await screen.findByText('高新技术企业奖励')
    const chips = await screen.findAllByTestId('department-chip')
    expect(chips.map((c) => c.textContent)).toEqual(['忻州市科学技术局', '忻州市人力资源和社会保障局'].sort((a, b) => a.localeCompare(b, 'zh')))
    fireEvent.click(chips.find((c) => c.textContent === '忻州市科学技术局')!)
    await waitFor(() => expect(screen.queryByText('稳岗补贴')).not.toBeInTheDocument())
    expect(screen.getByText('高新技术企业奖励')).toBeInTheDocument()
    const lists = calls.filter((c) => c.path === '/api/v1/policies')
    expect((lists[lists.length - 1].data as Record<string, unknown>).departmentId).toBe('d2')
    // both departments stay selectable while one is chosen
    expect(screen.getAllByTestId('department-chip')).toHaveLength(2)
    fireEvent.click(screen.getAllByTestId('department-chip').find((c) => c.textContent === '忻州市科学技术局')!)
    await screen.findByText('稳岗补贴')
  })
})

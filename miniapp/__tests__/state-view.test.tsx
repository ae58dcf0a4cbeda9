import { render, screen } from '@testing-library/react'
import { StateView } from '@/components/StateView'

describe('StateView', () => {
  it.each([
    ['empty', { loading: false, error: null, empty: true, emptyText: '暂无预约' }, '暂无预约'],
    ['error', { loading: false, error: '网络连接失败，请检查网络' }, '网络连接失败，请检查网络']
  ])('when the %s state shows, then its illustration is local (no remote image) and its text is shown', (_, props, text) => {
    const { container } = render(<StateView {...props} />)
    expect(screen.getByText(text)).toBeInTheDocument()
    expect(container.querySelector('.state-view__icon')).toBeInTheDocument()
    const remote = Array.from(container.querySelectorAll('img, taro-image-core')).filter((el) => /^https?:/.test(el.getAttribute('src') ?? ''))
    expect(remote).toEqual([])
  })
})

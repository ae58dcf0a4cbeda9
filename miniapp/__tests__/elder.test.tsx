import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { storage } from '../test/mocks/taro'
import { ElderHome, ElderSwitch } from '@/components/elder'
import { ELDER_MODE_KEY, getElderMode, setElderMode, useElderMode } from '@/stores/elder'

function Page() {
  const { elder, elderClass } = useElderMode()
  return (
    <div className={`page ${elderClass}`} data-testid='page'>
      {elder ? <ElderHome /> : <span>普通首页</span>}
      <ElderSwitch />
    </div>
  )
}

describe('长辈版 (elder-friendly mode)', () => {
  beforeEach(() => {
    storage.clear()
    jest.clearAllMocks()
    document.body.className = ''
  })

  it('when the switch is turned on, then the page gets the elder class, the simplified home and the choice is stored', () => {
    render(<Page />)
    expect(screen.getByTestId('page')).not.toHaveClass('elder')
    expect(screen.getByTestId('elder-switch')).toHaveAttribute('aria-checked', 'false')

    fireEvent.click(screen.getByTestId('elder-switch'))

    expect(screen.getByTestId('page')).toHaveClass('elder')
    expect(screen.getByTestId('elder-switch')).toHaveAttribute('aria-checked', 'true')
    expect(screen.getByTestId('elder-home')).toBeInTheDocument()
    expect(storage.get(ELDER_MODE_KEY)).toBe('1')
    expect(document.body).toHaveClass('elder')
  })

  it('when the app is opened again with the mode stored, then it starts in 长辈版', () => {
    storage.set(ELDER_MODE_KEY, '1')
    render(<Page />)
    expect(screen.getByTestId('page')).toHaveClass('elder')
    expect(screen.getByText('搜索办事')).toBeInTheDocument()
  })

  it('when it is switched off, then every mounted component follows and the choice is stored as off', () => {
    storage.set(ELDER_MODE_KEY, '1')
    render(
      <>
        <Page />
        <ElderSwitch />
      </>
    )
    fireEvent.click(screen.getAllByTestId('elder-switch')[1])
    expect(screen.getByTestId('page')).not.toHaveClass('elder')
    expect(screen.getAllByTestId('elder-switch').map((s) => s.getAttribute('aria-checked'))).toEqual(['false', 'false'])
    expect(getElderMode()).toBe(false)
  })

  it('when the simplified home is shown, then it offers exactly the four common actions and opens their pages without pop-ups', () => {
    render(<ElderHome />)
    const labels = ['搜索办事', '预约办理', '我的预约', '附近网点']
    labels.forEach((l) => expect(screen.getByText(l)).toBeInTheDocument())
    expect(screen.getAllByTestId(/^elder-action-/)).toHaveLength(4)

    fireEvent.click(screen.getByTestId('elder-action-search'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/search/index' })
    fireEvent.click(screen.getByTestId('elder-action-nearby'))
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/nearby/index' })
    expect(Taro.showModal).not.toHaveBeenCalled()
  })

  it('when setElderMode is called outside React, then mounted hooks update', () => {
    render(<Page />)
    act(() => setElderMode(true))
    expect(screen.getByTestId('page')).toHaveClass('elder')
  })
})

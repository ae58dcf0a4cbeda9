import { render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Index from '@/pages/index'

const request = Taro.request as jest.Mock

describe('home page', () => {
  afterEach(() => {
    request.mockReset()
  })

  it('when the server and database are up, then it shows 服务正常', async () => {
    request.mockResolvedValue({ statusCode: 200, data: { status: 'ok', db: 'up' }, header: {}, errMsg: 'request:ok' })

    render(<Index />)

    expect(screen.getByText('忻州政务·无忧办')).toBeInTheDocument()
    expect(await screen.findByText('服务正常')).toHaveAttribute('data-testid', 'health-status')
    expect(request).toHaveBeenCalledWith(expect.objectContaining({ url: expect.stringMatching(/\/api\/v1\/health$/), method: 'GET' }))
  })

  it('when the request fails, then it shows 服务暂不可用', async () => {
    request.mockRejectedValue(new Error('request:fail'))

    render(<Index />)

    expect(await screen.findByText('服务暂不可用')).toHaveAttribute('data-testid', 'health-status')
  })
})

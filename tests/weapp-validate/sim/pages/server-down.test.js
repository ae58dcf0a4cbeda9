// Error states when the server is down: WX_API_BASE points at a port that was just opened and closed, so every
// wx.request fails to connect (request:fail). Pages must show their Chinese error message and retry button, not crash.
const net = require('net');
const { mountPage } = require('../page-helpers');

const NETWORK_ERROR = '网络连接失败，请检查网络'; // miniapp/src/api/errors.ts NETWORK_ERROR

let saved;
beforeAll(async () => {
  const server = net.createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  saved = process.env.WX_API_BASE;
  process.env.WX_API_BASE = `http://127.0.0.1:${port}`; // closed: connections are refused
});
afterAll(() => {
  if (saved === undefined) delete process.env.WX_API_BASE; else process.env.WX_API_BASE = saved;
});

test('when the server is down, then the home page shows 网络连接失败 with 重试 and 服务暂不可用', async () => {
  const page = await mountPage('pages/index/index');
  expect(page.requests).toEqual(expect.arrayContaining(['GET /api/v1/health', 'GET /api/v1/bundles']));
  expect(page.textOf('.home__health')).toBe('服务暂不可用');
  // 附近网点 and 一件事一次办 both fail: two error states, each with its retry button
  expect(page.text().split(NETWORK_ERROR).length - 1).toBe(2);
  expect(page.text().split('重试').length - 1).toBe(2);
  expect(page.textsOf('.home__theme-name')).toContain('企业开办'); // the static grid still works offline
  page.expectClean();
  page.unmount();
});

test('when the server is down, then the item guide shows 网络连接失败 and retries on 重试', async () => {
  const page = await mountPage('pages/service/index', { id: '6b0911ccb49817d810006601' });
  expect(page.text()).toContain(NETWORK_ERROR);
  expect(page.requests).toEqual(['GET /api/v1/services/6b0911ccb49817d810006601']);
  await page.tap('.nut-button');
  expect(page.requests).toEqual(Array(2).fill('GET /api/v1/services/6b0911ccb49817d810006601'));
  expect(page.text()).toContain(NETWORK_ERROR);
  page.expectClean();
  page.unmount();
});

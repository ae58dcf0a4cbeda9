// Staff desk and admin pages (sub-packages staff/ and admin/) for the seeded accounts: without a session they send
// the user to the staff login page; signed in (POST /api/v1/auth/staff) they show the account's real data.
const { mountPage } = require('../page-helpers');
const { clearSession, get, signInAdmin, signInStaff } = require('./lib/api');

const CITY_CENTRE = '忻州市政务服务中心';

afterEach(() => clearSession());

test('when a staff page opens without a session, then it redirects to the staff login page', async () => {
  const page = await mountPage('staff/desk/index');
  expect(page.navigations).toEqual([{ api: 'redirectTo', url: '/staff/login/index?reason=login' }]);
  expect(page.text()).toContain('正在验证工作人员身份');
  page.expectClean();
  page.unmount();
});

test('when staff.city-center is signed in, then 今日预约, 叫号 and 差评工单 show the city centre, not the login page', async () => {
  const { accessToken } = await signInStaff('staff.city-center');
  const me = await get('/api/v1/me', accessToken);
  expect(me.role).toBe('staff');

  const desk = await mountPage('staff/desk/index');
  expect(desk.navigations).toEqual([]);
  expect(desk.textOf('.desk__title')).toBe('今日预约');
  expect(desk.text()).toContain(me.name);
  expect(desk.text()).toContain(`网点：${CITY_CENTRE}`);
  expect(desk.text()).toContain('（今天）');
  expect(desk.requests).toContain('GET /api/v1/me');
  expect(desk.requests.some((r) => r.startsWith('GET /api/v1/staff/'))).toBe(true);
  expect(desk.text()).not.toMatch(/加载失败|无权访问|网络连接失败|请先登录/);
  desk.expectClean();
  desk.unmount();

  const queue = await mountPage('staff/queue/index');
  expect(queue.navigations).toEqual([]);
  expect(queue.textOf('.desk__title')).toBe('叫号');
  expect(queue.text()).toContain(CITY_CENTRE);
  expect(queue.text()).toContain('当前叫号');
  expect(queue.text()).not.toMatch(/无权访问|网络连接失败|请先登录/);
  queue.expectClean();
  queue.unmount();

  const orders = await mountPage('staff/work-orders/index');
  expect(orders.navigations).toEqual([]);
  expect(orders.textOf('.desk__title')).toBe('差评工单');
  expect(orders.requests.some((r) => r.includes('work-orders'))).toBe(true);
  expect(orders.text()).not.toMatch(/无权访问|网络连接失败|请先登录/);
  orders.expectClean();
  orders.unmount();
});

test('when admin is signed in, then 管理后台 and 统计看板 show the administrator and the statistics', async () => {
  const { accessToken } = await signInAdmin('admin');
  const me = await get('/api/v1/me', accessToken);
  expect(me.role).toBe('admin');

  const home = await mountPage('admin/index/index');
  expect(home.navigations).toEqual([]);
  expect(home.textOf('.desk__title')).toBe('管理后台');
  // the region by its name (忻州市), not its code (140900)
  const region = (await get('/api/v1/regions')).find((r) => r.code === me.regionCode);
  expect(home.textOf('.desk__sub')).toBe(`${me.name} · 管辖区域 ${region.name}`);
  expect(home.$$('.desk__card').length).toBeGreaterThan(0);
  home.expectClean();
  home.unmount();

  const stats = await mountPage('admin/stats/index');
  expect(stats.navigations).toEqual([]);
  expect(stats.textOf('.desk__title')).toBe('统计看板');
  expect(stats.text()).toContain('好评率');
  expect(stats.text()).toContain('预约总数');
  expect(stats.requests.some((r) => r.includes('/stats'))).toBe(true);
  expect(stats.text()).not.toMatch(/无权访问|网络连接失败|请先登录|操作失败/);
  stats.expectClean();
  stats.unmount();
});

test('when a staff account opens an admin page, then it is sent to the login page with the admin notice', async () => {
  await signInStaff('staff.city-center');
  const page = await mountPage('admin/stats/index');
  expect(page.navigations).toEqual([{ api: 'redirectTo', url: '/staff/login/index?reason=admin' }]);
  page.expectClean();
  page.unmount();
});

// Home page (pages/index/index) on the real server: search entry, theme grid, nearby points and bundles from the API.
const { mountPage } = require('../page-helpers');
const { get } = require('./lib/api');

test('when the home page opens, then it shows the search box, the theme grid of real themes and the API data', async () => {
  const themes = (await get('/api/v1/themes')).map((t) => t.name);
  const bundles = await get('/api/v1/bundles');

  const page = await mountPage('pages/index/index');

  expect(page.textOf('.home__search')).toContain('搜索事项');
  const grid = page.textsOf('.home__theme-name');
  expect(grid).toContain('企业开办');
  // every theme of the grid exists in the catalogue (GET /api/v1/themes), so its search is never empty
  expect(grid.filter((name) => !themes.includes(name))).toEqual([]);
  expect(page.requests).toEqual(expect.arrayContaining(['GET /api/v1/health', 'GET /api/v1/bundles']));
  expect(page.requests.some((r) => r.startsWith('GET /api/v1/halls?'))).toBe(true);
  expect(bundles.length).toBeGreaterThan(0);
  expect(page.textsOf('.home__bundle-name')).toEqual(bundles.map((b) => b.name));
  // 附近网点: the first three points of the very query the page sent (nearest first)
  const hallsQuery = page.requests.find((r) => r.startsWith('GET /api/v1/halls?')).slice(4);
  const nearest = (await get(hallsQuery)).items.slice(0, 3).map((h) => h.name);
  expect(nearest.length).toBeGreaterThan(0);
  expect(page.textsOf('.hall-card__name')).toEqual(nearest);
  expect(page.textOf('.home__health')).toBe('服务正常');
  expect(page.text()).not.toMatch(/加载失败|暂不可用|网络连接失败/);
  page.expectClean();
  page.unmount();
});

test('when the search box is tapped, then the search page is opened', async () => {
  const page = await mountPage('pages/index/index');
  await page.tap('.home__search');
  expect(page.navigations).toEqual([{ api: 'navigateTo', url: '/pages/search/index' }]);
  page.expectClean();
  page.unmount();
});

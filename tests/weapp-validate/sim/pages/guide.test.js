// Item guide (pages/service/index?id=…) opened with a real item id from the server's search.
const { mountPage } = require('../page-helpers');
const { get } = require('./lib/api');

test('when a real item is opened and 申请材料 is tapped, then the page lists the materials of the API', async () => {
  const found = await get(`/api/v1/services?q=${encodeURIComponent('营业执照')}`);
  expect(found.items.length).toBeGreaterThan(0);
  const item = found.items[0];
  const detail = await get(`/api/v1/services/${item.id}`);
  expect(detail.materials.length).toBeGreaterThan(0);

  const page = await mountPage('pages/service/index', { id: item.id });
  expect(page.requests).toEqual([`GET /api/v1/services/${item.id}`]);
  expect(page.textOf('.guide__title')).toContain(detail.name);

  const tabs = page.$$('.nut-tabs-titles-item');
  expect(tabs.map((t) => t.dom.textContent.trim())).toEqual(['基本信息', '申请材料', '办理流程', '办理地点', '评价']);
  tabs[1].dispatchEvent('tap', { detail: {} });
  await page.settle();
  expect(page.$$('.nut-tabs-titles-item')[1].dom.className).toContain('nut-tabs-titles-item-active');

  expect(page.textsOf('.material__name')).toEqual(detail.materials.map((m) => m.name));
  page.expectClean();
  page.unmount();
});

test('when the guide is opened without an id, then it says the content does not exist', async () => {
  const page = await mountPage('pages/service/index');
  expect(page.requests).toEqual([]);
  expect(page.text()).toContain('内容不存在');
  page.expectClean();
  page.unmount();
});

// 长辈版 (elder mode) in the WeChat package: the same mount of every page of app.json as 30-all-pages-smoke, with the
// mode switched on in storage first (as the 长辈版 switch leaves it). Every page must still render cleanly (no
// console.error, no dropped node); every citizen page (main package) must put its root in large type (class
// `elder`, components/elder/elder.scss). The staff and administrator subpackages are work tools without a 长辈版.
const { mountPage, allPages, getHost } = require('./page-helpers');

const ELDER_MODE_KEY = 'xz.elderMode';
const staffRoots = () => {
  const app = JSON.parse(require('fs').readFileSync(require('path').join(process.env.DIST, 'app.json'), 'utf8'));
  return (app.subPackages || app.subpackages || []).map((p) => p.root.replace(/\/?$/, '/'));
};

beforeAll(() => {
  getHost();
  wx.setStorageSync(ELDER_MODE_KEY, '1');
});

afterAll(() => {
  wx.removeStorageSync(ELDER_MODE_KEY);
});

test.each(allPages())('page %s mounts and renders in 长辈版', async (route) => {
  const page = await mountPage(route, {});
  const text = page.text();
  expect(text.length).toBeGreaterThan(0);
  page.expectClean();
  if (!staffRoots().some((root) => route.startsWith(root))) {
    const elderNodes = page.taroNodes((n) => typeof n.cl === 'string' && n.cl.split(/\s+/).includes('elder'));
    expect({ route, elderRoot: elderNodes.length > 0 }).toEqual({ route, elderRoot: true });
  }
  page.unmount();
});

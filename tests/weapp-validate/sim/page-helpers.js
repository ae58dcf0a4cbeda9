// Helpers for page-specific tests (sim/pages/**/*.test.js) on the BUILT weapp package (DIST), mounted in
// WeChat's component runtime (miniprogram-simulate / j-component / exparser, in jsdom) through taro-harness.js.
//
//   const { mountPage } = require('../page-helpers');
//   test('home shows the search box and the theme grid', async () => {
//     const page = await mountPage('pages/index/index');          // or 'pages/service/index?id=42', or (route, {id: '42'})
//     expect(page.textOf('.home__search')).toContain('搜索事项');  // selectors use the source class names
//     expect(page.text()).toContain('企业开办');                  // all rendered text, whitespace collapsed
//     expect(page.requests).toContain('GET /api/v1/bundles');    // requests made since the mount
//     page.expectClean();                                          // no console.error, no "Template `x` not found"
//   });
//
// Data: without WX_API_BASE every wx.request answers 503 (pages show their error state). With
// WX_API_BASE=http://127.0.0.1:3000 requests are forwarded to that running server (path + query kept).
// One app instance per test file (like on device, app.js boots once); each mountPage pushes a page.
const path = require('path');
const { installHost, simulate } = require('./taro-harness');

const DIST = path.resolve(process.env.DIST || path.join(__dirname, '../../../miniapp/dist/weapp'));

// console capture: Taro/React report runtime errors with console.error, exparser reports dropped nodes
// with console.warn("Template `tmpl_0_x` not found"). Recorded per page; printed only when VERBOSE is set.
const log = { warnings: [], errors: [] };
let captured = false;
function captureConsole() {
  if (captured) return; captured = true;
  const orig = { warn: console.warn, error: console.error };
  console.warn = (...a) => { log.warnings.push(a.map(String).join(' ')); if (process.env.VERBOSE) orig.warn(...a); };
  console.error = (...a) => { log.errors.push(a.map((x) => (x && x.stack) || String(x)).join(' ')); if (process.env.VERBOSE) orig.error(...a); };
}

// miniprogram-simulate's wx.createSelectorQuery() is a stub whose select()/selectAll() return undefined, so any
// component that measures itself (NutUI Tabs: createSelectorQuery().select(x).boundingClientRect().exec(cb)) throws
// in a timer. There is no layout in jsdom: answer with zero-sized rects (select) and no nodes (selectAll).
function installLayoutlessSelectorQuery() {
  wx.createSelectorQuery = () => {
    const queue = [];
    const nodesRef = (single) => {
      const add = (cb) => { queue.push({ single, cb }); return query; };
      return { boundingClientRect: add, scrollOffset: add, fields: (f, cb) => add(cb), context: add, node: add };
    };
    const query = {
      in: () => query,
      select: () => nodesRef(true),
      selectAll: () => nodesRef(false),
      selectViewport: () => nodesRef(true),
      exec: (cb) => {
        const rect = { id: '', dataset: {}, left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0, scrollLeft: 0, scrollTop: 0 };
        const res = queue.map((q) => (q.single ? { ...rect } : []));
        setTimeout(() => { queue.forEach((q, i) => q.cb && q.cb(res[i])); cb && cb(res); }, 0);
        return query;
      },
    };
    return query;
  };
}

let host = null;
/** The mini-program host of this test file (boots DIST/app.js on first use). */
function getHost() {
  captureConsole();
  if (!host) { installLayoutlessSelectorQuery(); host = installHost(DIST); }
  return host;
}

const normalize = (s) => String(s || '').replace(/\s+/g, ' ').trim();

/**
 * Wait until the page is idle: no wx.request in flight and no DOM change for `quietMs`.
 * Resolves true when idle, false on timeout (then look at host.inflight / page.requests).
 */
async function settle(page, { timeout = Number(process.env.SETTLE_TIMEOUT_MS || 8000), quietMs = Number(process.env.SETTLE_MS || 150) } = {}) {
  const h = getHost();
  const t0 = Date.now();
  let last = null, stableSince = Date.now();
  while (Date.now() - t0 < timeout) {
    await simulate.sleep(20);
    const html = page.dom.innerHTML;
    if (html !== last || h.inflight > 0) { last = html; stableSince = Date.now(); continue; }
    if (Date.now() - stableSince >= quietMs) return true;
  }
  return false;
}

/**
 * Mount a page of app.json by route, like wx.navigateTo would: `route` is 'pages/x/y' or 'pages/x/y?a=1'
 * (leading '/' allowed), `query` extra string params (onLoad options / Taro useRouter().params).
 * Waits for settle() unless { settle: false }. Returns a PageHandle (below).
 */
async function mountPage(route, query = {}, { settle: doSettle = true, timeout } = {}) {
  const h = getHost();
  const reqStart = h.requests.length, navStart = h.navigations.length;
  const warnStart = log.warnings.length, errStart = log.errors.length;
  const component = h.openPage(route, query);
  const instance = h.pages[h.pages.length - 1]; // the Page() object: .data.root is Taro's render tree

  const handle = {
    route: h.route, query: h.query, component, instance, host: h,
    get dom() { return component.dom; },
    /** all rendered text (what the user reads), whitespace collapsed */
    text: () => normalize(component.dom.textContent),
    /** first node matching a selector (source class names: '.home__title', tag names: 'input'), or null */
    $: (sel) => component.querySelector(sel),
    /** all nodes matching a selector */
    $$: (sel) => component.querySelectorAll(sel) || [],
    /** text of the first match ('' if none) / of every match */
    textOf: (sel) => { const n = component.querySelector(sel); return n ? normalize(n.dom.textContent) : ''; },
    textsOf: (sel) => (component.querySelectorAll(sel) || []).map((n) => normalize(n.dom.textContent)),
    /** requests ("GET /api/v1/themes?x=1") and navigations ({api:'navigateTo', url}) since the mount */
    get requests() { return h.requests.slice(reqStart); },
    get navigations() { return h.navigations.slice(navStart); },
    get consoleErrors() { return log.errors.slice(errStart); },
    get warnings() { return log.warnings.slice(warnStart); },
    /** "Template `tmpl_0_x` not found" = a node that a phone silently drops */
    get missingTemplates() {
      return [...new Set(log.warnings.slice(warnStart).filter((w) => /Template `[^`]+` not found/.test(w)).map((w) => w.match(/Template `[^`]+`/)[0]))];
    },
    settle: (opts) => settle(handle, opts),
    /** wait until pred(handle) is truthy (e.g. p => p.text().includes('企业开办')); false on timeout */
    waitFor: async (pred, ms = 5000) => {
      const t0 = Date.now();
      while (Date.now() - t0 < ms) { if (pred(handle)) return true; await simulate.sleep(20); }
      return false;
    },
    /** tap the first node matching `sel` (Taro onClick = bindtap), then settle */
    tap: async (sel) => {
      const n = component.querySelector(sel);
      if (!n) throw new Error(`tap: no node matches ${sel} on ${h.route}`);
      n.dispatchEvent('tap', { detail: {} });
      await settle(handle);
    },
    /** type into an <Input> (fires 'input' then 'confirm' if { confirm: true }), then settle */
    input: async (sel, value, { confirm = false } = {}) => {
      const n = component.querySelector(sel);
      if (!n) throw new Error(`input: no node matches ${sel} on ${h.route}`);
      n.dispatchEvent('input', { detail: { value, cursor: String(value).length } });
      await simulate.sleep(0);
      if (confirm) n.dispatchEvent('confirm', { detail: { value } });
      await settle(handle);
    },
    /**
     * Taro's render tree (the setData payload), flattened and decoded with base.wxml: props that WeChat components
     * consume but the simulated DOM does not show (placeholder, value, src, disabled…) are readable here.
     * Each node: { tag: 'input', cl: 'h5-input search__input', text, props: { placeholder: '搜索事项', value: '' }, raw }
     * e.g. page.taroNodes(n => n.tag === 'input').map(n => n.props.placeholder)
     */
    taroNodes: (pred = () => true) => {
      const out = [];
      const walk = (n) => {
        if (!n || typeof n !== 'object') return;
        const d = decodeTaroNode(n);
        if (n.nn !== undefined && pred(d)) out.push(d);
        (n.cn || []).forEach(walk);
      };
      walk(instance && instance.data && instance.data.root);
      return out;
    },
    /** assert: no console.error and no missing template since the mount */
    expectClean: () => {
      expect(handle.consoleErrors).toEqual([]);
      expect(handle.missingTemplates).toEqual([]);
    },
    /** detach the page (runs onUnload) */
    unmount: () => component.detach(),
  };
  if (doSettle) await settle(handle, timeout ? { timeout } : undefined);
  return handle;
}

// Taro 4 sends nodes as { nn: <node-name index>, cl, st, v (text), pN: <prop> }; base.wxml holds, for each nn, the
// template that renders it: <input placeholder="{{i.p13}}" …>. Parse it once to turn pN back into prop names.
let templates = null;
function taroTemplates() {
  if (templates) return templates;
  templates = {};
  const wxml = require('fs').readFileSync(path.join(DIST, 'base.wxml'), 'utf8');
  for (const m of wxml.matchAll(/<template name="tmpl_\d+_([^"_]+)(?:_focus|_blur)?">\s*<([\w-]+)([^>]*)>/g)) {
    const [, nn, tag, attrs] = m;
    if (tag === 'template' || templates[nn]) continue;
    const props = {};
    for (const a of attrs.matchAll(/([\w-]+)="\{\{(?:xs\.b\()?i\.(\w+)/g)) if (!['st', 'cl', 'uid', 'sid'].includes(a[2])) props[a[2]] = a[1];
    templates[nn] = { tag, props };
  }
  return templates;
}
function decodeTaroNode(n) {
  const t = taroTemplates()[n.nn] || { tag: String(n.nn), props: {} };
  const props = {};
  for (const [k, v] of Object.entries(n)) if (!['nn', 'cn', 'sid', 'cl', 'st', 'v', 'uid'].includes(k)) props[t.props[k] || k] = v;
  const text = (function txt(x) { return x.v !== undefined ? String(x.v) : (x.cn || []).map(txt).join(''); })(n);
  return { tag: n.v !== undefined && !n.cn ? '#text' : t.tag, cl: n.cl || '', text, props, raw: n };
}

/** Pages of app.json incl. sub-packages ('pkg/pages/x/index'). */
function allPages() {
  const appJson = JSON.parse(require('fs').readFileSync(path.join(DIST, 'app.json'), 'utf8'));
  return [...appJson.pages, ...(appJson.subPackages || appJson.subpackages || []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
}

module.exports = { DIST, getHost, mountPage, settle, allPages, simulate, apiBase: () => process.env.WX_API_BASE || null };

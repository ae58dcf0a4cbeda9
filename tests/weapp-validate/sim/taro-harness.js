// A minimal mini-program host so that Taro-compiled weapp pages mount inside miniprogram-simulate /
// j-component (jsdom + WeChat's exparser). It provides what the WeChat base library provides and
// miniprogram-simulate lacks: App(), getApp(), Page(), getCurrentPages(), wx.request, navigation capture,
// and synchronous storage.
// wx.request is forwarded to a real HTTP server at WX_API_BASE (e.g. the project's server started for the
// test): the URL the page built (TARO_APP_API_BASE + path) keeps only its path + query, which is resolved
// against WX_API_BASE, so a bundle built for https://api.example.gov.cn talks to http://127.0.0.1:3000.
// Without WX_API_BASE every request answers 503 {error:{code:'DB_UNAVAILABLE'}} so pages show their error state.
// Every request is recorded in host.requests ("GET /api/v1/themes?x=1"); host.inflight counts the open ones.
// Page tests should not use this file directly but sim/page-helpers.js (mountPage, settle, text, tap…).
const path = require('path');
const http = require('http');
const https = require('https');
const simulate = require('miniprogram-simulate'); // defines global.wx (mock API), global.Component, Behavior

function forward(opts, host) {
  const base = process.env.WX_API_BASE;
  const method = (opts.method || 'GET').toUpperCase();
  // only the path (+ query) of the page's URL is kept; scheme/host/port come from WX_API_BASE
  const target = new URL(opts.url.replace(/^https?:\/\/[^/]+/, ''), base || 'http://wx-api-base.invalid');
  host.inflight++;
  let finished = false;
  const settle = (cb, res) => {
    if (finished) return; finished = true;
    host.inflight--;
    cb && cb(res);
    opts.complete && opts.complete(res);
  };
  const done = (res) => settle(opts.success, Object.assign({ header: {}, cookies: [], errMsg: 'request:ok' }, res));
  if (!base) {
    host.requests.push(`${method} ${target.pathname}${target.search}`);
    return setTimeout(() => done({ statusCode: 503, data: { error: { code: 'DB_UNAVAILABLE', message: 'no WX_API_BASE' } } }), 5);
  }
  let body = null;
  if (method !== 'GET' && opts.data !== undefined) body = typeof opts.data === 'string' ? opts.data : JSON.stringify(opts.data);
  if (method === 'GET' && opts.data && typeof opts.data === 'object') {
    for (const [k, v] of Object.entries(opts.data)) if (v !== undefined && v !== null) target.searchParams.set(k, String(v));
  }
  const headers = Object.assign({ 'content-type': 'application/json' }, opts.header || {});
  const lib = target.protocol === 'https:' ? https : http;
  const req = lib.request(target, { method, headers }, (res) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (c) => { text += c; });
    res.on('end', () => {
      let data = text;
      try { data = JSON.parse(text); } catch (e) { /* keep text */ }
      done({ statusCode: res.statusCode, data, header: res.headers });
    });
  });
  req.on('error', (e) => settle(opts.fail, { errMsg: 'request:fail ' + e.message }));
  if (opts.timeout) req.setTimeout(opts.timeout, () => req.destroy(new Error('timeout')));
  host.requests.push(`${method} ${target.pathname}${target.search}`);
  if (body) req.write(body);
  req.end();
}

function installHost(DIST, log = () => {}) {
  const host = { app: null, pages: [], requests: [], inflight: 0, navigations: [], route: null, query: {} };
  const appJson = JSON.parse(require('fs').readFileSync(path.join(DIST, 'app.json'), 'utf8'));
  const storage = new Map();
  const ids = {}; // route -> registered component id

  wx.request = (opts) => { forward(opts, host); return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {} }; };
  for (const api of ['navigateTo', 'redirectTo', 'switchTab', 'reLaunch', 'navigateBack']) {
    wx[api] = (opts = {}) => { host.navigations.push({ api, url: opts.url }); const r = { errMsg: `${api}:ok` }; opts.success && opts.success(r); opts.complete && opts.complete(r); return Promise.resolve(r); };
  }
  wx.getStorageSync = (k) => (storage.has(k) ? storage.get(k) : '');
  wx.setStorageSync = (k, v) => { storage.set(k, v); };
  wx.removeStorageSync = (k) => { storage.delete(k); };
  wx.login = (opts = {}) => { const r = { code: 'weappsim', errMsg: 'login:ok' }; opts.success && opts.success(r); opts.complete && opts.complete(r); return Promise.resolve(r); };

  global.App = (cfg) => { host.app = cfg; };
  global.getApp = () => host.app;
  global.getCurrentPages = () => host.pages;

  // A page is an exparser component too: re-express the Page() object as a Component definition so that
  // miniprogram-simulate (which only knows Component) can mount it.
  // As on device, Page(cfg) runs once per route (the page's .js is evaluated once); every open creates a new
  // instance of that definition, which reads the route/query being opened when it is attached.
  global.Page = (cfg) => {
    const methods = {};
    for (const k of Object.keys(cfg)) if (typeof cfg[k] === 'function') methods[k] = cfg[k];
    log('Page() called for', host.route);
    global.Component({
      data: cfg.data || {},
      methods,
      lifetimes: {
        attached() {
          const route = host.route, query = host.query;
          this.route = this.__route__ = route;
          this.options = query;
          host.pages.push(this);
          if (this.onLoad) this.onLoad(query);
          if (this.onShow) this.onShow();
        },
        ready() { if (this.onReady) this.onReady(); },
        detached() { if (this.onUnload) this.onUnload(); host.pages.pop(); },
      },
    });
  };

  // boot the app bundle (webpack runtime, Taro runtime, React, App(...))
  require(path.join(DIST, 'app.js'));
  if (!host.app) throw new Error('app.js did not call App()');
  const first = { path: appJson.entryPagePath || appJson.pages[0], query: {}, scene: 1001 };
  if (host.app.onLaunch) host.app.onLaunch(first);
  if (host.app.onShow) host.app.onShow(first);

  // route: 'pages/x/y' (no leading slash) or a URL 'pages/x/y?id=1'; query values are strings on device
  host.openPage = (route, query = {}) => {
    const [p, qs] = String(route).replace(/^\//, '').split('?');
    route = p;
    query = Object.assign(Object.fromEntries(new URLSearchParams(qs || '')), query);
    host.route = route; host.query = query;
    const id = ids[route] || (ids[route] = simulate.load(path.join(DIST, route), { rootPath: DIST }));
    const page = simulate.render(id);
    if (!page) throw new Error(`page ${route} did not register (Page() not called?)`);
    const parent = document.createElement('parent-wrapper');
    document.body.appendChild(parent);
    page.attach(parent);
    return page;
  };
  host.waitFor = async (page, pred, ms = 3000) => {
    const t0 = Date.now();
    while (Date.now() - t0 < ms) { if (pred(page.dom)) return true; await simulate.sleep(20); }
    return false;
  };
  return host;
}

module.exports = { installHost, simulate };

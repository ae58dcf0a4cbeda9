// Talking to the real server of WX_API_BASE from a page test (plain Node fetch, not through the page): fetch real
// ids to open pages with, sign in, and put the session where the mini-program reads it (storage key 'xz.session').
// npm test always sets WX_API_BASE (a demo server on the embedded database with seeded data); without it these
// helpers throw, so a data test fails loudly instead of passing on an error page.
const http = require('http');
const https = require('https');
const { getHost } = require('../../page-helpers');

const SESSION_KEY = 'xz.session'; // miniapp/src/api/request.ts SESSION_KEY

function apiBase() {
  const base = process.env.WX_API_BASE;
  if (!base) {
    throw new Error('WX_API_BASE is not set: page tests need the real server (npm test starts one; by hand: ' +
      'WX_API_BASE=http://127.0.0.1:3000 node tests/weapp-validate/run.js, or --no-api to run only the generic checks)');
  }
  return base.replace(/\/+$/, '');
}

function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the seeded password is needed to sign in (npm test sets it)`);
  return value;
}

/**
 * JSON of a request to the real server; rejects with the server's answer on a non-2xx status.
 * (Node's http module: the jsdom test environment has no fetch.)
 */
function api(method, path, body, token) {
  const url = new URL(path, apiBase());
  const headers = { accept: 'application/json' };
  const payload = body === undefined ? null : JSON.stringify(body);
  if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  if (token) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => {
        if (res.statusCode < 200 || res.statusCode >= 300) reject(new Error(`${method} ${path} → ${res.statusCode} ${text.slice(0, 300)}`));
        else resolve(text ? JSON.parse(text) : null);
      });
    });
    req.on('error', (e) => reject(new Error(`${method} ${url.href}: ${e.message}`)));
    if (payload) req.write(payload);
    req.end();
  });
}
const get = (path, token) => api('GET', path, undefined, token);

/** Stores {accessToken, refreshToken} as the signed-in session of this test file's mini-program host. */
function useSession(pair) {
  getHost(); // installs the host's storage (wx.setStorageSync)
  wx.setStorageSync(SESSION_KEY, JSON.stringify({ accessToken: pair.accessToken, refreshToken: pair.refreshToken }));
  return pair;
}
function clearSession() {
  getHost();
  wx.removeStorageSync(SESSION_KEY);
}

/**
 * Citizen sign-in as WeChat does it (wx.login code → POST /auth/wechat; the server's development login), with the
 * 用户协议/隐私政策 agreement recorded (the server refuses personal data before it).
 */
const signInCitizen = async (code = 'weapp-check') => {
  const pair = useSession(await api('POST', '/api/v1/auth/wechat', { code }));
  const status = await api('GET', '/api/v1/me/agreement', undefined, pair.accessToken);
  if (!status.agreed) await api('POST', '/api/v1/me/agreement', { version: status.currentVersion }, pair.accessToken);
  return pair;
};
/** Seeded staff/admin accounts (server/src/modules/seed/seed.ts) with the passwords npm test seeds them with. */
const signInStaff = async (username = 'staff.city-center') =>
  useSession(await api('POST', '/api/v1/auth/staff', { username, password: env('WX_STAFF_PASSWORD') }));
const signInAdmin = async (username = 'admin') =>
  useSession(await api('POST', '/api/v1/auth/staff', { username, password: env('WX_ADMIN_PASSWORD') }));

module.exports = { SESSION_KEY, apiBase, api, get, useSession, clearSession, signInCitizen, signInStaff, signInAdmin };

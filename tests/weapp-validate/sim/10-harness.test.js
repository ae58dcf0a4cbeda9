// Self-test of the simulation harness on the entry page (whatever it is): query params reach the page,
// wx.request is recorded and, with WX_API_BASE, forwarded to that server (here a stub started by the test).
const http = require('http');
const { mountPage, allPages, getHost } = require('./page-helpers');

const entry = allPages()[0];

test(`harness: ${entry} gets query params from the route URL and the query object`, async () => {
  const page = await mountPage(`/${entry}?from=url&x=1`, { x: '2' });
  expect(page.instance.options).toEqual({ from: 'url', x: '2' });
  expect(page.query).toEqual({ from: 'url', x: '2' });
  expect(getHost().inflight).toBe(0); // settle() waited for every request
  page.unmount();
});

test(`harness: wx.request of ${entry} is forwarded to WX_API_BASE (stub server)`, async () => {
  const seen = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'stub' } }));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const saved = process.env.WX_API_BASE;
  process.env.WX_API_BASE = `http://127.0.0.1:${server.address().port}`;
  try {
    const page = await mountPage(entry);
    expect(seen).toEqual(page.requests); // every recorded request reached the server, same path + query
    page.unmount();
  } finally {
    if (saved === undefined) delete process.env.WX_API_BASE; else process.env.WX_API_BASE = saved;
    await new Promise((r) => server.close(r));
  }
});

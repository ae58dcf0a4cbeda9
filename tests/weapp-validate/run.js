#!/usr/bin/env node
// Offline validation of the built WeChat mini-program (Taro weapp output) with WeChat's own tooling.
//
//   npm ci --prefix tests/weapp-validate                  # once: separate install, NOT an npm workspace
//   node tests/weapp-validate/run.js [distDir]            # default distDir: <repo>/miniapp/dist/weapp
//
// Layers (all run; exit 1 if any fails, 2 on a usage/setup error):
//   0 size       main package + each sub-package (app.json subPackages roots) in KB;
//                FAIL if main > 2 MB, any sub-package > 2 MB or total > 20 MB (WeChat's upload limits)
//   1 ci         miniprogram-ci: app/page json schema, missing files, JS/WXSS/WXML syntax, dependency graph, quality
//   2 wcc        WeChat's WXML/WXS (wcc) and WXSS (wcsc) compilers over every file
//   3 sim        miniprogram-simulate: mount every page of app.json (+ page tests in sim/pages/); every
//                "Template `x` not found" (a node a phone silently drops) and every console.error fails
//   4 es         es-check: no syntax above ES_LEVEL (default es2017; project.config.json has es6:false)
//
// Options: --only=size,ci,wcc,sim,es   run a subset
//          --no-api   layer 3 without a server: only the generic checks (sim/*.test.js); the page tests (sim/pages/)
//                     are NOT run (said in the output). Without --no-api, layer 3 requires WX_API_BASE.
// Env:     WX_API_BASE=http://127.0.0.1:3000   forward the pages' wx.request to a running server (layer 3; the
//          project's server on a seeded database, as `npm test` starts it)
//          WX_STAFF_PASSWORD, WX_ADMIN_PASSWORD   the seeded staff.<hall> / admin passwords (staff and admin page tests)
//          ES_LEVEL=es2017   VERBOSE=1 (miniprogram-ci chatter, page console output)
'use strict';
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const here = __dirname;
const repoRoot = path.resolve(here, '../..');
const args = process.argv.slice(2);
const only = (args.find((a) => a.startsWith('--only=')) || '').slice(7).split(',').filter(Boolean);
const positional = args.filter((a) => !a.startsWith('--'));
const noApi = args.includes('--no-api');
const dist = path.resolve(positional[0] || path.join(repoRoot, 'miniapp/dist/weapp'));
const ES_LEVEL = process.env.ES_LEVEL || 'es2017';
const KB = 1024, MB = 1024 * 1024;
const LIMITS = { main: 2 * MB, sub: 2 * MB, total: 20 * MB };

function usage(msg) { console.error(`weapp-validate: ${msg}`); process.exit(2); }
if (!fs.existsSync(path.join(here, 'node_modules/miniprogram-ci'))) {
  usage(`dependencies missing: run \`npm ci --prefix ${path.relative(process.cwd(), here) || '.'}\` first`);
}
if (!noApi && !process.env.WX_API_BASE && (!only.length || only.includes('sim'))) {
  usage('WX_API_BASE is not set: layer 3 (page tests in sim/pages/) needs the real server, e.g. ' +
    'WX_API_BASE=http://127.0.0.1:3000 (npm test starts a seeded one); pass --no-api to run only the generic page checks');
}
if (!fs.existsSync(path.join(dist, 'app.json'))) {
  usage(`${dist}/app.json not found: build first (cd miniapp && NODE_ENV=production npx taro build --type weapp)`);
}
const bin = (pkg, rel) => path.join(here, 'node_modules', pkg, rel);

/** run a node script, stream its output (optionally filtered line by line), resolve its exit code */
function run(argv, { env = {}, filter = null } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { cwd: here, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const pipe = (stream, dest) => {
      let buf = '';
      stream.setEncoding('utf8');
      stream.on('data', (c) => {
        buf += c; const lines = buf.split('\n'); buf = lines.pop();
        for (const l of lines) { out += l + '\n'; if (!filter || filter(l)) dest.write(l + '\n'); }
      });
      stream.on('end', () => { if (buf) { out += buf; if (!filter || filter(buf)) dest.write(buf + '\n'); } });
    };
    pipe(child.stdout, process.stdout); pipe(child.stderr, process.stdout);
    child.on('close', (code) => resolve({ code, out }));
  });
}

// ---------------------------------------------------------------- layer 0: package sizes
function sizes() {
  const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'));
  const subs = (appJson.subPackages || appJson.subpackages || []).map((s) => ({
    root: String(s.root).replace(/^\.?\/+/, '').replace(/\/+$/, ''), name: s.name, independent: !!s.independent, bytes: 0, files: 0,
  }));
  // count what upload sends: the file types WeChat accepts (miniprogram-ci's allowed-extension list; *.LICENSE.txt,
  // *.map … are not uploaded). This matches checkCodeQuality's PACKAGE_SIZE_LIMIT numbers.
  const allowed = new Set(require(bin('miniprogram-ci', 'dist/utils/white_ext_list')).MiniProgramWhiteList);
  const main = { root: '(main)', bytes: 0, files: 0, biggest: [] };
  let skipped = 0;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      const rel = path.relative(dist, abs).split(path.sep).join('/');
      if (e.isDirectory()) { if (e.name !== 'node_modules') walk(abs); continue; }
      if (!allowed.has(path.extname(e.name).toLowerCase())) { skipped++; continue; }
      const size = fs.statSync(abs).size;
      const sub = subs.find((s) => rel === s.root || rel.startsWith(s.root + '/'));
      const bucket = sub || main;
      bucket.bytes += size; bucket.files++;
      if (!sub) main.biggest.push([size, rel]);
    }
  };
  walk(dist);
  const total = main.bytes + subs.reduce((s, x) => s + x.bytes, 0);
  const fmt = (b) => `${(b / KB).toFixed(1)} KB`;
  const failures = [];
  console.log(`main package      ${fmt(main.bytes).padStart(11)}  (${main.files} files; limit ${LIMITS.main / KB} KB)`);
  main.biggest.sort((a, b) => b[0] - a[0]).slice(0, 5).forEach(([b, f]) => console.log(`    ${fmt(b).padStart(11)}  ${f}`));
  if (main.bytes > LIMITS.main) failures.push(`main package ${fmt(main.bytes)} > 2 MB`);
  for (const s of subs) {
    console.log(`sub-package ${s.root.padEnd(20)} ${fmt(s.bytes).padStart(11)}  (${s.files} files${s.independent ? ', independent' : ''})`);
    if (!s.files) console.log(`    warn: sub-package root ${s.root}/ has no files`);
    if (s.bytes > LIMITS.sub) failures.push(`sub-package ${s.root} ${fmt(s.bytes)} > 2 MB`);
  }
  console.log(`total             ${fmt(total).padStart(11)}  (${subs.length} sub-packages; limit ${LIMITS.total / KB} KB; ${skipped} non-uploaded files ignored)`);
  if (total > LIMITS.total) failures.push(`total ${fmt(total)} > 20 MB`);
  failures.forEach((f) => console.log(`FAIL [size] ${f}`));
  return { ok: failures.length === 0, detail: `main ${fmt(main.bytes)}, ${subs.map((s) => `${s.root} ${fmt(s.bytes)}`).concat(`total ${fmt(total)}`).join(', ')}` };
}

// ---------------------------------------------------------------- layers 1-4
const layers = [
  { key: 'size', title: '0/4 package size: main / sub-packages / total', fn: async () => sizes() },
  { key: 'ci', title: '1/4 miniprogram-ci: schema, files, JS/WXSS/WXML syntax, dependencies, quality (the local half of upload)',
    fn: async () => {
      const r = await run([path.join(here, 'scripts/wx-validate.js'), dist], { filter: (l) => !/^\[miniprogram-builder\]/.test(l) });
      return { ok: r.code === 0 };
    } },
  { key: 'wcc', title: "2/4 wcc/wcsc: WeChat's WXML/WXS and WXSS compilers over every file",
    fn: async () => ({ ok: (await run([path.join(here, 'scripts/wcc-check.js'), dist])).code === 0 }) },
  { key: 'sim', title: '3/4 miniprogram-simulate: mount every page of app.json + page tests (sim/pages/)' + (noApi ? ' — --no-api: requests answer 503' : ` — API ${process.env.WX_API_BASE}`),
    fn: async () => {
      const jestArgs = [bin('jest', 'bin/jest.js'), '-c', path.join(here, 'sim/jest.config.js'), '--verbose', '--colors=false'];
      if (noApi) {
        console.log('NOTE [sim] --no-api: the page tests in sim/pages/ (they need the server) are NOT run');
        jestArgs.push('--testPathIgnorePatterns', '/sim/pages/');
      }
      const env = { DIST: dist };
      if (noApi) env.WX_API_BASE = ''; // the generic checks then see every request answer 503
      const r = await run(jestArgs, { env });
      return { ok: r.code === 0, detail: noApi ? 'page tests (sim/pages/) not run: --no-api' : undefined };
    } },
  { key: 'es', title: `4/4 es-check: no syntax above ${ES_LEVEL} (older phone engines cannot parse it unless WeChat transpiles on upload)`,
    fn: async () => {
      const r = await run([bin('es-check', 'lib/cli/index.js'), ES_LEVEL, `${dist}/**/*.js`, '--noColor', '--not', `${dist}/node_modules`], { filter: () => false });
      if (r.code === 0) { console.log(`ok   all .js files parse as ${ES_LEVEL}`); return { ok: true }; }
      // report every failing file with the offending source text (minified bundles are one long line)
      const hits = [...r.out.matchAll(/erroring file: (\S+?)(?::(\d+):(\d+))?\s+at\s+\S+\s*\n\s*·\s*error: ([^\n]+)/g)];
      if (!hits.length) console.log(r.out.split('\n').filter((l) => /error/i.test(l)).slice(0, 10).join('\n'));
      for (const [, file, line, col, err] of hits) {
        let ctx = '';
        const m = r.out.match(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`));
        if (m) {
          const src = fs.readFileSync(file, 'utf8').split('\n')[Number(m[1]) - 1] || '';
          ctx = ` near: ${src.slice(Math.max(0, Number(m[2]) - 50), Number(m[2]) + 30).replace(/\s+/g, ' ')}`;
        }
        console.log(`FAIL [es] ${path.relative(dist, file)}: ${err.trim()}${ctx}`);
      }
      return { ok: false };
    } },
];

(async () => {
  console.log(`weapp-validate: ${path.relative(process.cwd(), dist) || dist}`);
  const results = [];
  for (const l of layers) {
    if (only.length && !only.includes(l.key)) continue;
    console.log(`\n### ${l.title}`);
    const t0 = Date.now();
    let r;
    try { r = await l.fn(); } catch (e) { console.log(`FAIL [${l.key}] crashed: ${e.stack || e}`); r = { ok: false }; }
    results.push({ key: l.key, ok: r.ok, ms: Date.now() - t0, detail: r.detail });
  }
  console.log('\n### summary');
  for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.key.padEnd(5)} ${(r.ms / 1000).toFixed(1).padStart(5)} s${r.detail ? '  ' + r.detail : ''}`);
  const ok = results.every((r) => r.ok);
  console.log(`overall: ${ok ? 'PASS' : 'FAIL'}`);
  process.exit(ok ? 0 : 1);
})();

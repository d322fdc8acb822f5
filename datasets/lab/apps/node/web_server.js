#!/usr/bin/env node
// flowclass lab web server in Node.js: one process, built-in http/https + the `ws` package.
//
//   node web_server.js --host 10.78.90.1 --http-port 8000 --ws-port 8080 [--cert C --key K] --seed 61
//
// --http-port: HTTP API + static pages (Node's own HTTP/1.1 server, keep-alive):
//   GET  /api/status            small JSON
//   GET  /api/items?n=N         JSON list of N items (default 5..80)
//   GET  /api/poll?since=S&timeout=W  long-poll: answers when an event newer than S exists or after W s
//   POST|PUT /api/upload        reads the body, answers {"stored": bytes}
//   POST /api/items             JSON echo with id
//   GET  /dl/<bytes>            binary download of that many bytes (<= 16 MiB)
//   GET  /, /page/<n>.html      deterministic HTML pages linking 4..14 assets
//   GET  /static/<name>         css/js/png/woff2/json assets, sizes 0.3 .. 120 kB (fixed per name)
//   --static DIR: files from DIR win over the built-in pages.
// --ws-port: WebSocket apps (ws WebSocketServer), path /ws/<app>, the application behaviours of
//   ../ws_server.py: game, chat, collab, feed, rpc, telemetry, bulk, dash (same messages, so
//   ../ws_client.py sessions work against it).  Non-upgrade requests on this port get 404.
// Either port may be omitted.  --cert/--key: both ports speak TLS.  --ping-interval S: protocol
// pings from the server to every WebSocket (0 = off).  --compression: permessage-deflate on.
'use strict';
const http = require('http');
const https = require('https');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { Rng, wordsOf, log, sleep } = require('./common');
const { WebSocketServer, WebSocket } = require('ws');

function parseArgs(argv) {
  const a = { host: '0.0.0.0', httpPort: 0, wsPort: 0, cert: '', key: '', seed: 1, bulkChunk: 65536,
    pingInterval: 0, compression: false, static: '', eventMean: 5, keepalive: 30 };
  for (let i = 2; i < argv.length; i++) {
    const k = argv[i], v = argv[i + 1];
    switch (k) {
      case '--host': a.host = v; i++; break;
      case '--http-port': a.httpPort = +v; i++; break;
      case '--ws-port': a.wsPort = +v; i++; break;
      case '--cert': a.cert = v; i++; break;
      case '--key': a.key = v; i++; break;
      case '--seed': a.seed = +v; i++; break;
      case '--bulk-chunk': a.bulkChunk = +v; i++; break;
      case '--ping-interval': a.pingInterval = +v; i++; break;
      case '--compression': a.compression = true; break;
      case '--static': a.static = v; i++; break;
      case '--event-mean': a.eventMean = +v; i++; break;
      case '--keepalive': a.keepalive = +v; i++; break;
      default: console.error('unknown argument ' + k); process.exit(2);
    }
  }
  return a;
}
const A = parseArgs(process.argv);

const RNG = new Rng('server/' + A.seed);
const WORDS = ('lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ' +
  'ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco ' +
  'laboris nisi aliquip ex ea commodo consequat duis aute irure in reprehenderit voluptate ' +
  'velit esse cillum fugiat nulla pariatur excepteur sint occaecat cupidatat non proident').split(' ');
function text(rng, n) { return wordsOf(rng, WORDS, n); }

// ------------------------------------------------------------ HTTP API + pages
const EVENTS = [];   // {id, ts, kind, text}
let EVENT_ID = 0;
const POLL_WAITERS = new Set();
function eventLoop() {
  const gap = RNG.expo(1 / A.eventMean);
  setTimeout(() => {
    EVENT_ID++;
    EVENTS.push({ id: EVENT_ID, ts: Date.now() / 1000, kind: RNG.choice(['order', 'alert', 'msg', 'job']),
      text: text(RNG, RNG.int(3, 40)) });
    if (EVENTS.length > 200) EVENTS.shift();
    for (const w of [...POLL_WAITERS]) w();
    eventLoop();
  }, gap * 1000).unref();
}

const ASSET_EXT = { css: 'text/css', js: 'application/javascript', png: 'image/png', woff2: 'font/woff2',
  json: 'application/json', svg: 'image/svg+xml' };
function assetSize(name) { const r = new Rng('asset/' + A.seed + '/' + name); return Math.floor(r.logu(300, 120000)); }
function assetBody(name) {
  const n = assetSize(name), ext = name.split('.').pop();
  if (ext === 'png' || ext === 'woff2') return crypto.randomBytes(n);
  const r = new Rng('assetbody/' + name);
  return Buffer.from(text(r, Math.ceil(n / 5)).slice(0, n));
}
function pageHtml(n) {
  const r = new Rng('page/' + A.seed + '/' + n);
  const assets = [];
  const k = r.int(4, 14);
  for (let i = 0; i < k; i++) assets.push('a' + r.int(0, 60) + '.' + r.choice(Object.keys(ASSET_EXT)));
  let body = '<!doctype html><html><head><title>page ' + n + '</title>';
  for (const a of assets) body += a.endsWith('.css') ? `<link rel="stylesheet" href="/static/${a}">` : a.endsWith('.js') ? `<script src="/static/${a}"></script>` : `<img src="/static/${a}">`;
  body += '</head><body>';
  const paras = r.int(3, 40);
  for (let i = 0; i < paras; i++) body += '<p>' + text(r, r.int(10, 120)) + '</p>';
  for (let i = 0; i < 6; i++) body += `<a href="/page/${r.int(0, 30)}.html">more</a> `;
  body += '</body></html>';
  return { body: Buffer.from(body), assets };
}

function send(res, code, ctype, body, extra) {
  const h = Object.assign({ 'Content-Type': ctype, 'Content-Length': body.length, 'Cache-Control': 'no-store' }, extra || {});
  res.writeHead(code, h);
  res.end(body);
}
function json(res, obj, code) { send(res, code || 200, 'application/json', Buffer.from(JSON.stringify(obj))); }

function httpHandler(req, res) {
  const u = new URL(req.url, 'http://x');
  const p = u.pathname;
  const rng = new Rng(RNG.random());
  if (A.static && req.method === 'GET') {
    const fn = path.resolve(A.static, '.' + (p.endsWith('/') ? p + 'index.html' : p));
    if (fn.startsWith(path.resolve(A.static)) && fs.existsSync(fn) && fs.statSync(fn).isFile()) {
      const ext = fn.split('.').pop();
      return send(res, 200, ASSET_EXT[ext] || (ext === 'html' ? 'text/html' : 'application/octet-stream'), fs.readFileSync(fn));
    }
  }
  if (p === '/api/status') {
    return json(res, { ok: true, ts: Date.now() / 1000, last_event: EVENT_ID, load: +rng.uniform(0, 4).toFixed(2),
      node: process.version, uptime: Math.round(process.uptime()) });
  }
  if (p === '/api/items' && req.method === 'GET') {
    const n = Math.min(500, +(u.searchParams.get('n') || rng.int(5, 80)));
    const items = [];
    for (let i = 0; i < n; i++) items.push({ id: rng.int(1, 99999), name: text(rng, rng.int(1, 4)), price: +rng.uniform(1, 900).toFixed(2),
      tags: rng.sample(WORDS, rng.int(0, 5)), desc: text(rng, rng.int(0, 30)) });
    return json(res, { page: +(u.searchParams.get('page') || 1), items });
  }
  if ((p === '/api/upload' && (req.method === 'POST' || req.method === 'PUT')) || (p === '/api/items' && req.method === 'POST')) {
    let got = 0; const chunks = [];
    req.on('data', (c) => { got += c.length; if (p === '/api/items') chunks.push(c); });
    req.on('end', () => {
      if (p === '/api/items') {
        let obj = {};
        try { obj = JSON.parse(Buffer.concat(chunks).toString() || '{}'); } catch (e) { obj = {}; }
        return json(res, Object.assign({ id: rng.int(1, 1e6), created: Date.now() / 1000 }, obj), 201);
      }
      json(res, { stored: got, id: crypto.randomBytes(6).toString('hex'), type: req.headers['content-type'] || '' });
    });
    return;
  }
  if (p === '/api/poll') {
    const since = +(u.searchParams.get('since') || 0);
    const wait = Math.min(60, +(u.searchParams.get('wait') || u.searchParams.get('timeout') || 25));
    const newer = () => EVENTS.filter((e) => e.id > since);
    if (newer().length || wait <= 0) return json(res, { events: newer(), last: EVENT_ID });
    let done = false;
    const finish = () => {
      if (done) return; done = true; POLL_WAITERS.delete(finish); clearTimeout(t);
      if (!res.writableEnded) json(res, { events: newer(), last: EVENT_ID });
    };
    const t = setTimeout(finish, wait * 1000);
    POLL_WAITERS.add(finish);
    req.on('close', () => { done = true; POLL_WAITERS.delete(finish); clearTimeout(t); });
    return;
  }
  let m = /^\/dl\/(\d+)$/.exec(p);
  if (m) {
    let left = Math.min(2 ** 24, +m[1]);
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': left });
    const pump = () => {
      while (left > 0) {
        const k = Math.min(left, 65536); left -= k;
        if (!res.write(crypto.randomBytes(k))) return res.once('drain', pump);
      }
      res.end();
    };
    return pump();
  }
  if (p === '/' || p === '/index.html') return send(res, 200, 'text/html', pageHtml('index').body);
  m = /^\/page\/(\d+)\.html$/.exec(p);
  if (m) return send(res, 200, 'text/html', pageHtml(m[1]).body);
  m = /^\/static\/(a\d+\.(css|js|png|woff2|json|svg))$/.exec(p);
  if (m) return send(res, 200, ASSET_EXT[m[2]], assetBody(m[1]), { 'Cache-Control': 'max-age=60' });
  send(res, 404, 'text/plain', Buffer.from('not found\n'));
}

// ------------------------------------------------------------ WebSocket apps (as ../ws_server.py)
const ROOMS = new Map(), DOCS = new Map(), HISTORY = new Map();
let CONN_ID = 0;
function room(kind, name) { const k = kind + '/' + name; if (!ROOMS.has(k)) ROOMS.set(k, new Set()); return ROOMS.get(k); }
function wsSend(ws, data) {
  if (ws.readyState !== WebSocket.OPEN) return Promise.resolve(false);
  return new Promise((r) => ws.send(data, (err) => r(!err)));
}
function sendAll(set, msg, skip) { for (const c of set) if (c !== skip) wsSend(c, msg); }
const open = (ws) => ws.readyState === WebSocket.OPEN;
function onJson(ws, fn) {
  ws.on('message', (data, isBinary) => {
    if (isBinary) return fn(null, data);
    let d; try { d = JSON.parse(data.toString()); } catch (e) { return; }
    fn(d, null);
  });
}

const APPS = {
  async game(ws, q, rng) {
    const hz = Math.max(1, Math.min(120, +(q.get('hz') || 30)));
    const r = room('game', q.get('room') || 'lobby'); r.add(ws);
    ws.pos = [rng.uniform(0, 1000), rng.uniform(0, 1000), 0]; ws.lastSeq = 0;
    ws.on('close', () => r.delete(ws));
    onJson(ws, (d, bin) => {
      if (bin && bin.length >= 16) {
        ws.lastSeq = bin.readUInt32LE(0);
        ws.pos[0] += bin.readInt16LE(10) / 100; ws.pos[1] += bin.readInt16LE(12) / 100; ws.pos[2] = bin.readUInt16LE(8);
      } else if (d && d.type === 'chat') sendAll(r, JSON.stringify({ type: 'chat', from: ws.cid, text: d.text || '' }));
    });
    await wsSend(ws, JSON.stringify({ type: 'welcome', id: ws.cid, hz, map: 'arena_' + rng.int(1, 9), players: r.size }));
    let tick = 0; const period = 1 / hz; let nxt = performance.now() / 1000;
    while (open(ws)) {
      tick++;
      const players = [...r].slice(0, 16);
      const parts = [Buffer.alloc(9)];
      parts[0].writeUInt32LE(tick, 0); parts[0].writeUInt32LE(ws.lastSeq >>> 0, 4); parts[0].writeUInt8(players.length, 8);
      for (const p of players) {
        const b = Buffer.alloc(14); b.writeUInt16LE(p.cid & 0xffff, 0);
        b.writeFloatLE(p.pos[0], 2); b.writeFloatLE(p.pos[1], 6); b.writeFloatLE(p.pos[2], 10); parts.push(b);
      }
      if (rng.random() < 0.05) parts.push(crypto.randomBytes(rng.int(8, 120)));
      wsSend(ws, Buffer.concat(parts));
      nxt += period;
      await sleep(nxt - performance.now() / 1000);
    }
  },

  async chat(ws, q, rng) {
    const name = q.get('room') || 'general';
    const r = room('chat', name);
    if (!HISTORY.has(name)) HISTORY.set(name, []);
    const hist = HISTORY.get(name);
    r.add(ws);
    ws.on('close', () => { r.delete(ws); sendAll(r, JSON.stringify({ type: 'presence', id: ws.cid, state: 'offline' })); });
    onJson(ws, (d) => {
      if (!d) return;
      if (d.type === 'msg') {
        const out = { type: 'msg', from: ws.cid, mid: rng.bits48(), ts: Date.now() / 1000, text: d.text || '' };
        hist.push(out); if (hist.length > 200) hist.splice(0, hist.length - 200);
        wsSend(ws, JSON.stringify({ type: 'ack', cmid: d.cmid, mid: out.mid }));
        sendAll(r, JSON.stringify(out), ws);
      } else if (d.type === 'typing') sendAll(r, JSON.stringify({ type: 'typing', from: ws.cid }), ws);
      else if (d.type === 'read') sendAll(r, JSON.stringify({ type: 'read', from: ws.cid, mid: d.mid }), ws);
      else if (d.type === 'ping') wsSend(ws, JSON.stringify({ type: 'pong', ts: Date.now() / 1000 }));
    });
    await wsSend(ws, JSON.stringify({ type: 'hello', id: ws.cid, room: name, history: hist.slice(-rng.int(10, 50)),
      members: [...r].map((c) => c.cid) }));
    sendAll(r, JSON.stringify({ type: 'presence', id: ws.cid, state: 'online' }), ws);
  },

  async collab(ws, q, rng) {
    const did = q.get('doc') || 'doc1';
    const snapEvery = +(q.get('snap') || 20);
    const r = room('collab', did); r.add(ws);
    if (!DOCS.has(did)) DOCS.set(did, { text: text(rng, rng.int(400, 4000)), v: 0 });
    const doc = DOCS.get(did); doc.v = Math.max(doc.v, doc.text.length);
    let timer = null;
    const snap = () => { timer = setTimeout(() => { wsSend(ws, JSON.stringify({ type: 'snapshot', v: doc.v, text: doc.text })); snap(); }, snapEvery * rng.uniform(0.7, 1.3) * 1000); };
    ws.on('close', () => { r.delete(ws); clearTimeout(timer); });
    onJson(ws, (d) => {
      if (!d) return;
      if (d.type === 'op') {
        const pos = Math.max(0, Math.min(doc.text.length, +d.pos || 0));
        let t = doc.text;
        if (d.del) t = t.slice(0, pos) + t.slice(pos + (+d.del));
        if (d.ins) t = t.slice(0, pos) + d.ins + t.slice(pos);
        doc.text = t.slice(0, 60000); doc.v++;
        wsSend(ws, JSON.stringify({ type: 'ack', op: d.id, v: doc.v }));
        d.from = ws.cid; d.v = doc.v; sendAll(r, JSON.stringify(d), ws);
      } else if (d.type === 'cursor') { d.from = ws.cid; sendAll(r, JSON.stringify(d), ws); }
      else if (d.type === 'save') wsSend(ws, JSON.stringify({ type: 'saved', v: doc.v, bytes: (d.text || '').length }));
    });
    await wsSend(ws, JSON.stringify({ type: 'snapshot', v: doc.v, text: doc.text, users: [...r].map((c) => c.cid) }));
    snap();
  },

  async feed(ws, q, rng) {
    const rate = Math.max(0.05, +(q.get('rate') || 3));
    let topics = (q.get('topics') || 'mkt').split(',');
    const syms = []; for (let i = rng.int(3, 30); i > 0; i--) syms.push('SYM' + String(rng.int(0, 999)).padStart(3, '0'));
    onJson(ws, (d) => {
      if (d && d.type === 'subscribe') { topics = d.topics || topics; wsSend(ws, JSON.stringify({ type: 'subscribed', topics })); }
    });
    await wsSend(ws, JSON.stringify({ type: 'subscribed', topics, symbols: syms }));
    let seq = 0;
    while (open(ws)) {
      await sleep(rng.expo(rate));
      if (!open(ws)) break;
      seq++;
      const x = rng.random();
      let msg;
      if (x < 0.04) msg = { type: 'news', seq, topic: rng.choice(topics), title: text(rng, 8), body: text(rng, rng.int(100, 700)) };
      else if (x < 0.25) {
        const ticks = []; for (let i = rng.int(2, 25); i > 0; i--) ticks.push({ s: rng.choice(syms), p: +rng.uniform(1, 500).toFixed(2), v: rng.int(1, 9999) });
        msg = { type: 'batch', seq, ticks };
      } else msg = { type: 'tick', seq, s: rng.choice(syms), p: +rng.uniform(1, 500).toFixed(2), v: rng.int(1, 9999), ts: Date.now() / 1000 };
      wsSend(ws, JSON.stringify(msg));
    }
  },

  async rpc(ws, q, rng) {
    const sizes = { get_user: [60, 300], list_orders: [800, 20000], search: [300, 8000], update: [40, 120], ping: [20, 40], get_config: [500, 3000] };
    onJson(ws, async (d) => {
      if (!d) return;
      const [lo, hi] = sizes[d.method] || [50, 500];
      await sleep(rng.uniform(0.003, 0.08));
      const n = Math.floor(rng.logu(lo, hi));
      wsSend(ws, JSON.stringify({ jsonrpc: '2.0', id: d.id, result: { data: text(rng, Math.floor(n / 6)).slice(0, n) } }));
    });
  },

  async telemetry(ws, q, rng) {
    const ackEvery = rng.int(5, 30); let n = 0;
    ws.on('message', () => {
      n++;
      if (n % ackEvery === 0) wsSend(ws, JSON.stringify({ type: 'ack', upto: n, ts: Date.now() / 1000 }));
      if (rng.random() < 0.01) {
        const th = []; for (let i = rng.int(2, 20); i > 0; i--) th.push(rng.int(0, 100));
        wsSend(ws, JSON.stringify({ type: 'config', interval: rng.choice([0.2, 0.5, 1, 2]), thresholds: th }));
      }
    });
  },

  async bulk(ws, q, rng) {
    let got = 0;
    onJson(ws, async (d, bin) => {
      if (bin) { got += bin.length; wsSend(ws, JSON.stringify({ type: 'ack', bytes: got })); return; }
      if (!d) return;
      if (d.type === 'get') {
        let left = Math.max(0, Math.min(2 ** 24, +d.bytes || 0));
        await wsSend(ws, JSON.stringify({ type: 'blob', bytes: left, name: 'file' + rng.int(1, 999) + '.bin' }));
        while (left > 0 && open(ws)) {
          const k = Math.min(left, A.bulkChunk); left -= k;
          await wsSend(ws, crypto.randomBytes(k));
        }
        wsSend(ws, JSON.stringify({ type: 'done' }));
      } else if (d.type === 'put') got = 0;
      else if (d.type === 'end') wsSend(ws, JSON.stringify({ type: 'stored', bytes: got, id: rng.int(0, 2 ** 32 - 1) }));
    });
  },

  async dash(ws, q, rng) {
    const every = Math.max(0.05, +(q.get('every') || 1000) / 1000);
    const panels = ['cpu', 'mem', 'net', 'disk', 'req', 'err', 'lat', 'queue'];
    let view = rng.sample(panels, rng.int(2, 6));
    const chart = () => { const s = {}; for (const p of view) { const a = []; for (let i = rng.int(60, 300); i > 0; i--) a.push(Math.round(rng.random() * 1000) / 10); s[p] = a; } return JSON.stringify({ type: 'chart', series: s }); };
    onJson(ws, (d) => {
      if (!d) return;
      if (d.type === 'view') { const v = (d.panels || []).filter((p) => panels.includes(p)); if (v.length) view = v; wsSend(ws, chart()); }
      else if (d.type === 'ping') wsSend(ws, JSON.stringify({ type: 'pong', ts: Date.now() / 1000 }));
    });
    await wsSend(ws, chart());
    let nxtChart = Date.now() / 1000 + rng.uniform(10, 30), seq = 0;
    while (open(ws)) {
      await sleep(every * rng.uniform(0.85, 1.15));
      if (!open(ws)) break;
      seq++;
      if (Date.now() / 1000 > nxtChart) { nxtChart = Date.now() / 1000 + rng.uniform(10, 30); wsSend(ws, chart()); }
      const m = {}; for (const p of view) if (rng.random() < 0.8) m[p] = +rng.uniform(0, 100).toFixed(2);
      const upd = { type: 'u', seq, ts: +(Date.now() / 1000).toFixed(3), m };
      if (rng.random() < 0.03) upd.alert = { sev: rng.choice(['warn', 'crit']), msg: text(rng, rng.int(5, 30)) };
      wsSend(ws, JSON.stringify(upd));
    }
  },
};

// ------------------------------------------------------------ servers
const tls = A.cert ? { cert: fs.readFileSync(A.cert), key: fs.readFileSync(A.key) } : null;
function makeServer(handler) {
  const s = tls ? https.createServer(tls, handler) : http.createServer(handler);
  s.keepAliveTimeout = A.keepalive * 1000;
  s.headersTimeout = (A.keepalive + 5) * 1000;
  s.requestTimeout = 0;
  return s;
}
const servers = [];
if (A.httpPort) {
  eventLoop();
  const s = makeServer(httpHandler);
  s.listen(A.httpPort, A.host, () => log('http listening', A.host, A.httpPort, tls ? 'tls' : 'plain'));
  servers.push(s);
}
if (A.wsPort) {
  const s = makeServer((req, res) => send(res, 404, 'text/plain', Buffer.from('not found\n')));
  const wss = new WebSocketServer({ server: s, maxPayload: 2 ** 22,
    perMessageDeflate: A.compression ? { threshold: 64 } : false });
  wss.on('connection', (ws, req) => {
    ws.cid = ++CONN_ID;
    const u = new URL(req.url, 'http://x');
    const kind = u.pathname.replace(/\/+$/, '').split('/').pop();
    const fn = APPS[kind];
    if (!fn) { ws.close(1008, 'unknown app'); return; }
    log('open', ws.cid, kind, req.socket.remoteAddress);
    let pinger = null;
    if (A.pingInterval > 0) pinger = setInterval(() => { if (open(ws)) ws.ping(); }, A.pingInterval * 1000);
    ws.on('error', () => {});
    ws.on('close', () => { clearInterval(pinger); log('close', ws.cid, kind); });
    fn(ws, u.searchParams, new Rng(RNG.random())).catch((e) => log('app error', kind, String(e)));
  });
  s.listen(A.wsPort, A.host, () => log('ws listening', A.host, A.wsPort, tls ? 'tls' : 'plain'));
  servers.push(s);
}
if (!servers.length) { console.error('need --http-port and/or --ws-port'); process.exit(2); }
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => { log('stopping'); process.exit(0); });

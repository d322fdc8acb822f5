#!/usr/bin/env node
// flowclass lab web clients in Node.js: HTTP users (global fetch = undici, https/http.request with
// and without a keep-alive Agent) and WebSocket users (the `ws` package).
//
//   node web_client.js --url wss://10.78.90.1:8443/ws --mode chat,feed,rpc --clients 6 --duration 80 --seed 61 --cafile ca.crt
//   node web_client.js --url https://10.78.92.1:8443 --mode api,page,poll,upload --clients 5 --duration 80 --seed 61 --cafile ca.crt
//
// ws:// or wss:// URL: every user runs sequential sessions (one TCP connection each, i.e. reconnects)
//   of one app pattern of ../ws_server.py / web_server.js: game, chat, collab, feed, burst, rpc,
//   telemetry, bulk, dash (--mode: comma list, every session picks one), random lengths
//   (log-uniform --session-min..--session-max s) and think times between sessions.
// http:// or https:// URL: every user runs sessions of one --mode:
//   api      bursts of small JSON calls (GET /api/status, /api/items?n=, POST JSON to /api/upload)
//   page     a page + all its assets in parallel, then 1..4 linked pages with reading pauses
//   poll     REST polling of /api/status every --poll-min..--poll-max s, or long-polls of /api/poll
//   upload   1..4 POST/PUT uploads of --up-min..--up-max bytes
//   download GET /dl/<bytes> of --dl-min..--dl-max bytes (web_server.js, http_api.py behind /dlx/ on nginx)
//   each session uses one HTTP client picked from --http-clients (comma list):
//   fetch (global fetch, undici's keep-alive pool shared by the process), agent (https.request
//   through a keep-alive Agent owned by the session, maxSockets 1..2), close (https.request with
//   agent:false and Connection: close: a new connection per request).
// --cafile CA: TLS verification against the lab CA (fetch: the process re-runs itself with
//   NODE_EXTRA_CA_CERTS=CA, since Node's fetch takes no CA option; ws and https.request get `ca`).
// --ws-lib undici: the WebSocket users run on Node's built-in WebSocket (undici; start node with
//   --experimental-websocket) instead of the `ws` package (see impl_undici_ws.js).
// Randomness is seeded (--seed, per user), timing is real.
'use strict';
const fs = require('fs');
const http = require('http');
const https = require('https');
const crypto = require('crypto');
const { Rng, wordsOf, log, sleep } = require('./common');
const { spawnSync } = require('child_process');
const WebSocket = require('ws');
const { UndiciSocket } = require('./impl_undici_ws');

function parseArgs(argv) {
  const a = { url: '', mode: 'mix', clients: 4, duration: 60, sessionMin: 3, sessionMax: 60, thinkMin: 0.2,
    thinkMax: 5, stagger: 3, hz: 0, pingInterval: 0, compression: false, cafile: '', rpcThinkMax: 3,
    teleHz: 0, bulkChunk: 65536, bulkMin: 20000, bulkMax: 2000000, seed: 1, httpClients: 'fetch,agent,close',
    pollMin: 1, pollMax: 6, longpollFrac: 0.3, upMin: 1000, upMax: 50000, dlMin: 20000, dlMax: 400000,
    apiGap: 1.5, pagePrefix: '/', dlPath: '/dl/', wsLib: 'ws' };
  const num = new Set(['clients', 'duration', 'sessionMin', 'sessionMax', 'thinkMin', 'thinkMax', 'stagger', 'hz',
    'pingInterval', 'rpcThinkMax', 'teleHz', 'bulkChunk', 'bulkMin', 'bulkMax', 'seed', 'pollMin', 'pollMax',
    'longpollFrac', 'upMin', 'upMax', 'dlMin', 'dlMax', 'apiGap']);
  for (let i = 2; i < argv.length; i++) {
    const k = argv[i];
    if (!k.startsWith('--')) { console.error('bad argument ' + k); process.exit(2); }
    const name = k.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (name === 'compression') { a.compression = true; continue; }
    if (!(name in a)) { console.error('unknown argument ' + k); process.exit(2); }
    a[name] = num.has(name) ? +argv[++i] : argv[++i];
  }
  if (!a.url) { console.error('--url is required'); process.exit(2); }
  return a;
}
const A = parseArgs(process.argv);

// fetch has no CA option: re-run with NODE_EXTRA_CA_CERTS (read by Node at startup)
const undiciWs = A.wsLib === 'undici';
if (A.cafile && (A.url.startsWith('https:') || (undiciWs && A.url.startsWith('wss:'))) &&
    process.env.NODE_EXTRA_CA_CERTS !== A.cafile) {
  const r = spawnSync(process.execPath, process.execArgv.concat(process.argv.slice(1)), { stdio: 'inherit',
    env: Object.assign({}, process.env, { NODE_EXTRA_CA_CERTS: A.cafile }) });
  process.exit(r.status === null ? 1 : r.status);
}
const CA = A.cafile ? fs.readFileSync(A.cafile) : null;

const WORDS = ('hey ok sure thanks lol see you tomorrow meeting lunch build failed again merged the branch ' +
  'can you review this please looks good to me ship it deploy done where are we with the release ' +
  'coffee later sounds great no worries brb call me when free').split(' ');
function sentence(rng, n) { return wordsOf(rng, WORDS, n); }
const now = () => performance.now() / 1000;
const STATS = { ok: 0, err: 0, requests: 0 };

// ------------------------------------------------------------ WebSocket sessions
// A small message queue on top of ws's events: recv() awaits the next message.
function wrap(ws) {
  const q = [], waiters = [];
  let closed = false;
  ws.on('message', (data, isBinary) => {
    const m = isBinary ? data : data.toString();
    if (waiters.length) waiters.shift().res(m); else if (q.length < 10000) q.push(m);
  });
  const fail = () => { closed = true; while (waiters.length) waiters.shift().rej(new Error('closed')); };
  ws.on('close', fail); ws.on('error', fail);
  return {
    ws,
    get closed() { return closed || ws.readyState !== WebSocket.OPEN; },
    send(d) { return new Promise((res, rej) => { if (this.closed) return rej(new Error('closed')); ws.send(d, (e) => (e ? rej(e) : res())); }); },
    recv() { if (q.length) return Promise.resolve(q.shift()); if (closed) return Promise.reject(new Error('closed')); return new Promise((res, rej) => waiters.push({ res, rej })); },
    drain() { q.length = 0; ws.removeAllListeners('message'); ws.on('message', () => {}); },
  };
}
const J = JSON.stringify;

const WSRUN = {
  async game(c, rng, len) {
    c.drain();
    const hz = A.hz || rng.choice([20, 30, 30, 50, 60]);
    let seq = 0, keys = 0; const end = now() + len; let nxt = now();
    while (now() < end && !c.closed) {
      seq++;
      if (rng.random() < 0.1) keys = rng.int(0, 255);
      const b = Buffer.alloc(16);
      b.writeUInt32LE(seq, 0); b.writeUInt32LE(Date.now() & 0xffffffff >>> 0, 4); b.writeUInt16LE(keys, 8);
      b.writeInt16LE(rng.int(-300, 300), 10); b.writeInt16LE(rng.int(-300, 300), 12);
      await c.send(b);
      if (rng.random() < 0.003) await c.send(J({ type: 'chat', text: sentence(rng, rng.int(1, 8)) }));
      nxt += 1 / hz; await sleep(nxt - now());
    }
  },
  async chat(c, rng, len) {
    const inbox = [];
    c.ws.removeAllListeners('message');
    c.ws.on('message', (d, bin) => { if (!bin) { try { const m = JSON.parse(d); if (m.type === 'msg') inbox.push(m.mid); } catch (e) { /* */ } } });
    const end = now() + len; const meanGap = rng.uniform(2, 15); let cmid = 0;
    while (!c.closed) {
      const gap = rng.expo(1 / meanGap);
      if (now() + gap > end) { await sleep(end - now()); break; }
      await sleep(gap);
      if (inbox.length && rng.random() < 0.5) { await c.send(J({ type: 'read', mid: inbox[inbox.length - 1] })); inbox.length = 0; }
      if (rng.random() < 0.7) { await c.send(J({ type: 'typing' })); await sleep(rng.uniform(0.5, 4)); }
      cmid++;
      await c.send(J({ type: 'msg', cmid, text: sentence(rng, Math.floor(rng.logu(1, 60))) }));
    }
  },
  async collab(c, rng, len) {
    c.drain();
    const end = now() + len; let opid = 0, pos = rng.int(0, 2000), lastSave = now();
    while (now() < end && !c.closed) {
      const burstEnd = Math.min(end, now() + rng.uniform(1, 8)); const rate = rng.uniform(2, 7);
      while (now() < burstEnd && !c.closed) {
        opid++;
        const r = rng.random(); let op;
        if (r < 0.8) { op = { type: 'op', id: opid, pos, ins: rng.choice('etaoin shrdlu'.split('')).repeat(rng.int(1, 3)) }; pos++; }
        else if (r < 0.95) { op = { type: 'op', id: opid, pos: Math.max(0, pos - 1), del: 1 }; pos = Math.max(0, pos - 1); }
        else op = { type: 'op', id: opid, pos, ins: sentence(rng, rng.int(30, 400)) };
        await c.send(J(op));
        if (rng.random() < 0.15) await c.send(J({ type: 'cursor', pos, sel: [pos, pos + rng.int(0, 40)] }));
        await sleep(rng.expo(rate));
      }
      if (now() - lastSave > 30 && rng.random() < 0.5) { await c.send(J({ type: 'save', text: sentence(rng, rng.int(500, 3000)) })); lastSave = now(); }
      await sleep(Math.min(end - now(), rng.logu(1, 30)));
      pos = rng.int(0, 2000);
    }
  },
  async feed(c, rng, len) {
    c.drain();
    const end = now() + len;
    while (now() < end && !c.closed) {
      await sleep(Math.min(end - now(), rng.uniform(5, 60)));
      if (now() < end && rng.random() < 0.5) await c.send(J({ type: 'subscribe', topics: rng.sample(['mkt', 'news', 'fx', 'crypto', 'sports'], 2) }));
    }
  },
  async burst(c, rng, len) {
    c.drain();
    const end = now() + len; let cmid = 0;
    while (!c.closed && now() < end) {
      for (let i = rng.int(3, 15); i > 0; i--) {
        cmid++;
        await c.send(J({ type: 'msg', cmid, text: sentence(rng, Math.floor(rng.logu(1, 25))) }));
        await sleep(rng.uniform(0.05, 0.8));
      }
      await sleep(Math.min(end - now(), rng.logu(2, 40)));
    }
  },
  async rpc(c, rng, len) {
    const end = now() + len; let id = 0;
    const methods = ['get_user', 'list_orders', 'search', 'update', 'ping', 'get_config'];
    while (now() < end && !c.closed) {
      const k = rng.random() < 0.8 ? 1 : rng.int(2, 5);
      for (let i = 0; i < k; i++) {
        id++;
        await c.send(J({ jsonrpc: '2.0', id, method: rng.choice(methods), params: { q: sentence(rng, rng.int(1, 12)), page: rng.int(1, 9) } }));
      }
      for (let i = 0; i < k; i++) await c.recv();
      await sleep(Math.min(end - now(), rng.logu(0.1, A.rpcThinkMax)));
    }
  },
  async telemetry(c, rng, len) {
    c.drain();
    const hz = A.teleHz || rng.logu(0.5, 10); const end = now() + len; let seq = 0;
    const dev = 'dev-' + rng.int(0, 65535).toString(16).padStart(4, '0');
    while (now() < end && !c.closed) {
      seq++;
      const r = { d: dev, s: seq, t: +(Date.now() / 1000).toFixed(3), temp: +rng.uniform(18, 30).toFixed(2), hum: +rng.uniform(20, 80).toFixed(1) };
      if (rng.random() < 0.3) r.acc = [0, 0, 0].map(() => +rng.gauss().toFixed(3));
      await c.send(J(r));
      await sleep((1 / hz) * rng.uniform(0.9, 1.1));
    }
  },
  async bulk(c, rng, len) {
    const end = now() + len;
    while (now() < end && !c.closed) {
      const n = Math.floor(rng.logu(A.bulkMin, A.bulkMax));
      if (rng.random() < 0.5) {
        await c.send(J({ type: 'put', bytes: n }));
        let left = n;
        while (left > 0) { const k = Math.min(left, A.bulkChunk); left -= k; await c.send(crypto.randomBytes(k)); await c.recv(); }
        await c.send(J({ type: 'end' })); await c.recv();
      } else {
        await c.send(J({ type: 'get', bytes: n }));
        for (;;) { const m = await c.recv(); if (typeof m === 'string' && JSON.parse(m).type === 'done') break; }
      }
      await sleep(Math.min(end - now(), rng.logu(0.5, 15)));
    }
  },
  async dash(c, rng, len) {
    c.drain();
    const end = now() + len;
    while (now() < end && !c.closed) {
      await sleep(Math.min(end - now(), rng.logu(5, 60)));
      if (now() < end) await c.send(J({ type: 'view', panels: rng.sample(['cpu', 'mem', 'net', 'disk', 'req', 'err'], 3) }));
    }
  },
};

function sessionUrl(mode, rng, uid) {
  const base = A.url.replace(/\/+$/, '');
  if (mode === 'game') return `${base}/game?room=r${uid % 3}&hz=${A.hz || rng.choice([20, 30, 50, 60])}`;
  if (mode === 'chat' || mode === 'burst') return `${base}/chat?room=team${uid % 2}`;
  if (mode === 'collab') return `${base}/collab?doc=d${uid % 2}&snap=${rng.int(10, 40)}`;
  if (mode === 'dash') return `${base}/dash?every=${Math.floor(rng.logu(200, 2000))}`;
  if (mode === 'feed') return `${base}/feed?rate=${rng.logu(0.3, 10).toFixed(2)}&topics=mkt,news`;
  return `${base}/${mode}`;
}

function wsOpen(url) {
  return new Promise((res, rej) => {
    const opts = { perMessageDeflate: A.compression, maxPayload: 2 ** 22, handshakeTimeout: 10000 };
    if (url.startsWith('wss:')) { opts.ca = CA || undefined; opts.rejectUnauthorized = !!CA; }
    const ws = undiciWs ? new UndiciSocket(url) : new WebSocket(url, opts);
    const c = wrap(ws);
    ws.once('open', () => res(c));
    ws.once('error', rej);
  });
}

async function wsUser(uid, deadline) {
  const rng = new Rng(A.seed * 1000 + uid);
  await sleep(rng.uniform(0, A.stagger));
  const modes = A.mode === 'mix' ? ['game', 'chat', 'collab', 'feed'] : A.mode.split(',');
  for (;;) {
    const left = deadline - now();
    if (left < 1.5) return;
    const mode = rng.choice(modes);
    const len = Math.min(left - 0.5, rng.logu(A.sessionMin, A.sessionMax));
    const url = sessionUrl(mode, rng, uid);
    const t0 = now();
    let c = null, pinger = null;
    try {
      c = await wsOpen(url);
      if (A.pingInterval > 0) pinger = setInterval(() => { if (!c.closed) c.ws.ping(); }, A.pingInterval * 1000);
      await WSRUN[mode](c, rng, len);
      clearInterval(pinger);
      await new Promise((res) => { c.ws.once('close', res); c.ws.close(1000); setTimeout(res, 3000); });
      STATS.ok++;
      log('user', uid, 'session', mode, (now() - t0).toFixed(1) + 's');
    } catch (e) {
      clearInterval(pinger);
      if (c) c.ws.terminate();
      STATS.err++;
      log('user', uid, 'session error', mode, String(e && e.message || e));
      await sleep(1);
    }
    await sleep(Math.min(deadline - now(), rng.logu(A.thinkMin, A.thinkMax)));
  }
}

// ------------------------------------------------------------ HTTP sessions
const mod = A.url.startsWith('https:') ? https : http;
// One HTTP client per session: fetch (undici pool), agent (keep-alive Agent), close (new connection each).
function makeClient(kind, rng) {
  if (kind === 'fetch') {
    return {
      kind,
      async req(method, path, body, ctype) {
        const r = await fetch(new URL(path, A.url), { method, body, headers: body ? { 'content-type': ctype } : {} });
        const buf = Buffer.from(await r.arrayBuffer());
        STATS.requests++;
        return { status: r.status, body: buf };
      },
      close() {},
    };
  }
  const agent = kind === 'agent' ? new mod.Agent({ keepAlive: true, maxSockets: rng.int(1, 2), ca: CA || undefined }) : false;
  return {
    kind,
    req(method, path, body, ctype) {
      return new Promise((res, rej) => {
        const u = new URL(path, A.url);
        const headers = { 'User-Agent': 'node-lab/' + process.version, Accept: '*/*' };
        if (body) { headers['Content-Type'] = ctype; headers['Content-Length'] = body.length; }
        if (!agent) headers.Connection = 'close';
        const r = mod.request(u, { method, headers, agent, ca: CA || undefined, timeout: 90000 }, (resp) => {
          const chunks = [];
          resp.on('data', (d) => chunks.push(d));
          resp.on('end', () => { STATS.requests++; res({ status: resp.statusCode, body: Buffer.concat(chunks) }); });
          resp.on('error', rej);
        });
        r.on('error', rej);
        r.on('timeout', () => r.destroy(new Error('timeout')));
        if (body) r.end(body); else r.end();
      });
    },
    close() { if (agent) agent.destroy(); },
  };
}

const HTTPRUN = {
  async api(cl, rng, len) {
    const end = now() + len;
    while (now() < end) {
      for (let i = rng.int(1, 5); i > 0; i--) {
        const r = rng.random();
        if (r < 0.4) await cl.req('GET', '/api/status');
        else if (r < 0.8) await cl.req('GET', `/api/items?n=${Math.floor(rng.logu(1, 200))}&page=${rng.int(1, 9)}`);
        else await cl.req('POST', '/api/upload', Buffer.from(J({ op: rng.choice(['create', 'update', 'tag']), note: sentence(rng, rng.int(2, 60)), qty: rng.int(1, 9) })), 'application/json');
        await sleep(rng.uniform(0.02, 0.4));
      }
      await sleep(Math.min(end - now(), rng.logu(0.2, A.apiGap * 4)));
    }
  },
  async page(cl, rng, len) {
    const end = now() + len;
    let path = A.pagePrefix;
    for (let k = 0; k < 5 && now() < end; k++) {
      const r = await cl.req('GET', path);
      const html = r.body.toString();
      const refs = [...html.matchAll(/(?:src|href)=["']([^"'#]+)["']/g)].map((m) => m[1]).filter((x) => !/^(https?:|mailto:|data:)/.test(x));
      const base = new URL(path, A.url);
      const assets = refs.filter((x) => !/\.html?$|\/$/.test(x)).map((x) => new URL(x, base).pathname);
      const pages = refs.filter((x) => /\.html?$/.test(x)).map((x) => new URL(x, base).pathname);
      // assets in parallel (fetch: the pool opens several connections; agent: up to maxSockets)
      const uniq = [...new Set(assets)].slice(0, 30);
      await Promise.all(uniq.map((a) => cl.req('GET', a).catch(() => null)));
      if (!pages.length) break;
      await sleep(Math.min(end - now(), rng.logu(1, 15)));
      path = rng.choice(pages);
    }
  },
  async poll(cl, rng, len) {
    const end = now() + len;
    if (rng.random() < A.longpollFrac) {
      let since = 0;
      while (now() + 1 < end) {
        const r = await cl.req('GET', `/api/poll?since=${since}&timeout=${Math.max(1, Math.min(25, Math.floor(end - now())))}`);
        try { since = JSON.parse(r.body.toString()).last || since; } catch (e) { /* */ }
        await sleep(rng.uniform(0.05, 0.5));
      }
      return;
    }
    const every = rng.uniform(A.pollMin, A.pollMax);
    while (now() < end) {
      await cl.req('GET', rng.random() < 0.8 ? '/api/status' : `/api/items?n=${rng.int(1, 20)}`);
      await sleep(Math.min(end - now(), every * rng.uniform(0.8, 1.2)));
    }
  },
  async upload(cl, rng, len) {
    const end = now() + len;
    for (let i = rng.int(1, 4); i > 0 && now() < end; i--) {
      const n = Math.floor(rng.logu(A.upMin, A.upMax));
      await cl.req(rng.random() < 0.7 ? 'POST' : 'PUT', '/api/upload', crypto.randomBytes(n), 'application/octet-stream');
      await sleep(Math.min(end - now(), rng.logu(0.3, 8)));
    }
  },
  async download(cl, rng, len) {
    const end = now() + len;
    for (let i = rng.int(1, 3); i > 0 && now() < end; i--) {
      await cl.req('GET', `${A.dlPath}${Math.floor(rng.logu(A.dlMin, A.dlMax))}`);
      await sleep(Math.min(end - now(), rng.logu(0.5, 10)));
    }
  },
};

async function httpUser(uid, deadline) {
  const rng = new Rng(A.seed * 1000 + 500 + uid);
  await sleep(rng.uniform(0, A.stagger));
  const modes = A.mode === 'mix' ? ['api', 'page', 'poll', 'upload'] : A.mode.split(',');
  const kinds = A.httpClients.split(',');
  for (;;) {
    const left = deadline - now();
    if (left < 1.5) return;
    const mode = rng.choice(modes);
    const len = Math.min(left - 0.5, rng.logu(A.sessionMin, A.sessionMax));
    const cl = makeClient(rng.choice(kinds), rng);
    const t0 = now();
    try {
      await HTTPRUN[mode](cl, rng, len);
      STATS.ok++;
      log('user', uid, 'session', mode, cl.kind, (now() - t0).toFixed(1) + 's');
    } catch (e) {
      STATS.err++;
      log('user', uid, 'session error', mode, cl.kind, String(e && e.message || e), e && e.cause ? String(e.cause) : '');
      await sleep(1);
    }
    cl.close();
    await sleep(Math.min(deadline - now(), rng.logu(A.thinkMin, A.thinkMax)));
  }
}

(async () => {
  const deadline = now() + A.duration;
  const isWs = /^wss?:/.test(A.url);
  const users = [];
  for (let i = 0; i < A.clients; i++) users.push(isWs ? wsUser(i, deadline) : httpUser(i, deadline));
  await Promise.all(users);
  log('done', J(STATS));
  process.exit(0);
})();

#!/usr/bin/env node
// gRPC (HTTP/2) server and users for the lab on @grpc/grpc-js: a pure JavaScript gRPC stack over
// Node.js's own http2 module (nghttp2 inside Node), independent of grpcio's C core.
//
//   node grpc_lab.js server --host IP --port 50052 [--cert C --key K] [--seed 1]
//   node grpc_lab.js client --target IP:PORT [--cafile CA] [--server-name lab.test] --clients 4
//                           --duration 60 [--mode unary,watch,upload,chat] [--session-min 4]
//                           [--session-max 25] [--gap-min 0.5] [--gap-max 5] [--think-min 0.2]
//                           [--think-max 3] [--seed 1]
//
// The same services as apps/grpc_lab.py (so either side can be grpcio): messages are JSON
// documents passed as raw bytes (grpc-js's generic service definitions with identity
// (de)serialisers; framing, length prefixes, headers and trailers are grpc-js's own).
//   /lab.Store/Get         unary: a key -> a record of 100 B .. 20 kB
//   /lab.Feed/Watch        server streaming: events at random intervals for the asked seconds
//   /lab.Telemetry/Upload  client streaming: samples, answered by one summary
//   /lab.Chat/Talk         bidirectional: every message answered with a reply, sometimes two
// Client: every user (waits 0..3 s, then until the end) draws a mode and a session length, opens
// one channel (its own TCP connection), runs calls of that mode, closes it, pauses.
// Prints one summary line on stderr.
'use strict';
const fs = require('fs');
const path = require('path');
const grpc = require(path.join(__dirname, 'node_modules', '@grpc', 'grpc-js'));
const { Rng, log, sleep } = require('../node/common.js');

function parseArgs(argv) {
  const a = { cmd: argv[0] };
  for (let i = 1; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) throw new Error('bad argument ' + argv[i]);
    a[argv[i].slice(2).replace(/-/g, '_')] = argv[++i];
  }
  return a;
}
const num = (v, d) => (v === undefined ? d : Number(v));
const ident = (b) => b;
const enc = (o) => Buffer.from(JSON.stringify(o));
const dec = (b) => JSON.parse(b.toString());
const M = (p, req, res) => ({ path: p, requestStream: req, responseStream: res,
  requestSerialize: ident, requestDeserialize: ident, responseSerialize: ident, responseDeserialize: ident });
const DEF = {
  Get: M('/lab.Store/Get', false, false),
  Watch: M('/lab.Feed/Watch', false, true),
  Upload: M('/lab.Telemetry/Upload', true, false),
  Talk: M('/lab.Chat/Talk', true, true),
};

function serve(a) {
  const rng = new Rng('grpc-js server/' + (a.seed || 1));
  const impl = {
    Get(call, cb) {
      const key = dec(call.request).key || '';
      cb(null, enc({ key, value: 'x'.repeat(Math.floor(rng.uniform(100, 20000))) }));
    },
    async Watch(call) {
      const end = Date.now() + 1000 * Number(dec(call.request).seconds || 10);
      let n = 0, gone = false;
      call.on('cancelled', () => { gone = true; });
      while (Date.now() < end && !gone) {
        await sleep(rng.uniform(0.05, 2.0));
        if (gone) break;
        n++;
        call.write(enc({ seq: n, price: Math.round(rng.uniform(1, 1000) * 100) / 100, note: 'e'.repeat(Math.floor(rng.uniform(10, 400))) }));
      }
      if (!gone) call.end();
    },
    Upload(call, cb) {
      let n = 0, size = 0;
      call.on('data', (m) => { n++; size += m.length; });
      call.on('end', () => cb(null, enc({ samples: n, bytes: size })));
      call.on('error', () => {});
    },
    Talk(call) {
      call.on('data', (m) => {
        const text = dec(m).text || '';
        call.write(enc({ reply: text.split('').reverse().join(''), at: Date.now() / 1000 }));
        if (rng.random() < 0.3) call.write(enc({ typing: true }));
      });
      call.on('end', () => call.end());
      call.on('error', () => {});
    },
  };
  const server = new grpc.Server();
  server.addService(DEF, impl);
  const creds = a.cert
    ? grpc.ServerCredentials.createSsl(null, [{ cert_chain: fs.readFileSync(a.cert), private_key: fs.readFileSync(a.key) }], false)
    : grpc.ServerCredentials.createInsecure();
  const addr = a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
  server.bindAsync(addr, creds, (err) => {
    if (err) { log('grpc_lab.js: bind failed:', err.message); process.exit(1); }
    log(`grpc_lab.js: serving on ${addr} (${a.cert ? 'TLS' : 'plain'}), grpc-js ${require(path.join(__dirname, 'node_modules', '@grpc', 'grpc-js', 'package.json')).version}`);
  });
}

class User {
  constructor(a, n, until) {
    this.a = a; this.n = n; this.until = until;
    this.rng = new Rng(`${a.seed}/grpc-js/${n}`);
    this.stats = { sessions: 0, calls: 0, errors: 0 };
  }
  pause(lo, hi) { return sleep(this.rng.uniform(lo, hi)); }
  client() {
    const opts = { 'grpc.enable_retries': 0, 'grpc.use_local_subchannel_pool': 1 };
    let creds = grpc.credentials.createInsecure();
    if (this.a.cafile) {
      creds = grpc.credentials.createSsl(fs.readFileSync(this.a.cafile));
      opts['grpc.ssl_target_name_override'] = this.a.server_name;
      opts['grpc.default_authority'] = this.a.server_name;
    }
    return new grpc.Client(this.a.target, creds, opts);
  }
  deadline(s) { return new Date(Date.now() + s * 1000); }
  async unary(c, end) {
    while (Date.now() < end) {
      await new Promise((res, rej) => c.makeUnaryRequest(DEF.Get.path, ident, ident,
        enc({ key: 'k' + this.rng.int(1, 100000) }), { deadline: this.deadline(30) }, (e) => (e ? rej(e) : res())));
      this.stats.calls++;
      await this.pause(this.a.think_min, this.a.think_max);
    }
  }
  async watch(c, end) {
    const call = c.makeServerStreamRequest(DEF.Watch.path, ident, ident,
      enc({ seconds: Math.max(1, (end - Date.now()) / 1000) }), { deadline: this.deadline(120) });
    await new Promise((res, rej) => { call.on('data', () => {}); call.on('end', res); call.on('error', rej); });
    this.stats.calls++;
  }
  async upload(c, end) {
    while (Date.now() < end) {
      let done;
      const p = new Promise((res, rej) => { done = (e) => (e ? rej(e) : res()); });
      const call = c.makeClientStreamRequest(DEF.Upload.path, ident, ident, { deadline: this.deadline(60) }, (e) => done(e));
      const k = this.rng.int(3, 40);
      for (let i = 0; i < k; i++) {
        const v = []; for (let j = this.rng.int(1, 60); j > 0; j--) v.push(this.rng.random());
        call.write(enc({ t: Date.now() / 1000, v }));
        await this.pause(0.02, 0.5);
      }
      call.end();
      await p;
      this.stats.calls++;
      await this.pause(this.a.think_min, this.a.think_max);
    }
  }
  async chat(c, end) {
    const call = c.makeBidiStreamRequest(DEF.Talk.path, ident, ident, { deadline: this.deadline(120) });
    const fin = new Promise((res, rej) => { call.on('data', () => {}); call.on('end', res); call.on('error', rej); });
    while (Date.now() < end) {
      call.write(enc({ text: 'w'.repeat(this.rng.int(5, 300)) }));
      await this.pause(0.3, this.a.think_max);
    }
    call.end();
    await fin;
    this.stats.calls++;
  }
  async run() {
    await this.pause(0, 3);
    while (Date.now() < this.until - 1000) {
      const mode = this.rng.choice(this.a.modes);
      const end = Math.min(this.until, Date.now() + 1000 * this.rng.uniform(this.a.session_min, this.a.session_max));
      const c = this.client();
      this.stats.sessions++;
      try { await this[mode](c, end); } catch (e) { this.stats.errors++; log(`user ${this.n} ${mode}: ${e.message}`); }
      c.close();
      if (Date.now() >= this.until - 1000) break;
      await this.pause(this.a.gap_min, this.a.gap_max);
    }
  }
}

async function clients(a) {
  a.modes = (a.mode || 'unary,watch,upload,chat').split(',');
  a.server_name = a.server_name || 'lab.test';
  for (const [k, d] of [['session_min', 4], ['session_max', 25], ['gap_min', 0.5], ['gap_max', 5], ['think_min', 0.2], ['think_max', 3]]) a[k] = num(a[k], d);
  const until = Date.now() + 1000 * num(a.duration, 60);
  const users = [];
  for (let n = 0; n < num(a.clients, 4); n++) users.push(new User(a, n, until));
  const guard = setTimeout(() => { log('grpc_lab.js client: grace over'); process.exit(0); }, 1000 * (num(a.duration, 60) + 150));
  await Promise.all(users.map((u) => u.run()));
  clearTimeout(guard);
  const sum = {}; for (const u of users) for (const [k, v] of Object.entries(u.stats)) sum[k] = (sum[k] || 0) + v;
  log(`grpc_lab.js client: ${users.length} users, ${Object.entries(sum).map(([k, v]) => `${v} ${k}`).join(', ')}`);
}

const a = parseArgs(process.argv.slice(2));
if (a.cmd === 'server') serve(a);
else if (a.cmd === 'client') clients(a).then(() => process.exit(0));
else { console.error('usage: grpc_lab.js server|client ...'); process.exit(2); }

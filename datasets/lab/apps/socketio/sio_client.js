#!/usr/bin/env node
// Socket.IO users for the lab on the npm socket.io-client package (as ../sio_users.py does with
// python-socketio): sessions of one connection each, transports drawn per session (polling then
// upgrade 60 %, polling only 25 %, WebSocket only 15 %), modes chat / feed / rpc.
//
//   node sio_client.js --url http://IP:PORT --clients 6 --duration 60 [--mode chat,feed,rpc] [--seed 1]
//                      [--transports mixed|polling|websocket] [--cafile CA]
//
// --transports polling / websocket: every session on that transport alone (no upgrade); --cafile:
// the CA an https:// server's certificate is checked against.
'use strict';
const fs = require('fs');
const { io } = require('socket.io-client');
const crypto = require('crypto');
const { args, rng } = require('./common');

const sleep = (s) => new Promise((r) => setTimeout(r, s * 1000));
const a = args({ clients: 6, duration: 60, mode: 'chat,feed,rpc', seed: 1, 'session-min': 5, 'session-max': 40,
  'think-min': 0.3, 'think-max': 5, 'gap-min': 0.5, 'gap-max': 5, 'up-max': 50000, transports: 'mixed' });
const modes = a.mode.split(',');
const until = Date.now() + Number(a.duration) * 1000;
const stats = { sessions: 0, emitted: 0, received: 0, errors: 0 };

async function session(r) {
  const u = (lo, hi) => Number(lo) + r() * (Number(hi) - Number(lo));
  const mode = modes[Math.floor(r() * modes.length)];
  const x = r();
  const transports = a.transports !== 'mixed' ? [a.transports]
    : x < 0.6 ? ['polling', 'websocket'] : x < 0.85 ? ['polling'] : ['websocket'];
  const end = Math.min(until, Date.now() + u(a['session-min'], a['session-max']) * 1000);
  const tls = a.cafile ? { ca: fs.readFileSync(a.cafile) } : {};
  const socket = io(a.url, { transports, reconnection: false, forceNew: true, timeout: 10000, ...tls });
  socket.onAny(() => { stats.received += 1; });
  await new Promise((res, rej) => { socket.once('connect', res); socket.once('connect_error', rej); });
  stats.sessions += 1;
  try {
    const room = mode === 'feed' ? 'feed' : `room${1 + Math.floor(r() * 3)}`;
    socket.emit('join', { room });
    while (Date.now() < end) {
      if (mode === 'chat') socket.emit('chat', { room, text: 'c'.repeat(5 + Math.floor(r() * 396)) });
      else if (mode === 'rpc') {
        if (r() < 0.15) await socket.timeout(30000).emitWithAck('upload', crypto.randomBytes(1000 + Math.floor(r() * (a['up-max'] - 1000))));
        else await socket.timeout(30000).emitWithAck('rpc', { n: 10 + Math.floor(r() * 2990) });
      }
      if (mode !== 'feed') stats.emitted += 1;
      await sleep(u(a['think-min'], a['think-max']));
    }
  } finally {
    socket.disconnect();
  }
}

async function user(n) {
  const r = rng(Number(a.seed) * 1000 + n);
  await sleep(r() * 3);
  while (Date.now() < until - 1000) {
    try { await session(r); } catch (e) { stats.errors += 1; console.error(`user ${n}: ${e.message}`); }
    await sleep(Number(a['gap-min']) + r() * (Number(a['gap-max']) - Number(a['gap-min'])));
  }
}

Promise.all(Array.from({ length: Number(a.clients) }, (_, n) => user(n))).then(() => {
  console.error('sio_client.js: ' + Object.entries(stats).map(([k, v]) => `${k}=${v}`).join(' '));
  process.exit(0);
});

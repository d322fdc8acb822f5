#!/usr/bin/env node
// Socket.IO server for the lab on the npm socket.io package (pinned in package-lock.json).
//
//   node sio_server.js --host IP --port 3000 [--cert C --key K] [--seed 1]
//
// With --cert/--key it serves HTTPS (TLS by Node.js / OpenSSL).
// Both Engine.IO transports on one port (HTTP long-polling and WebSocket).  Events as in
// ../sio_server.py: join {room}, chat {room, text} (broadcast to the room), rpc {n} (answered
// through the acknowledgement with n bytes), upload <binary> (acknowledged with its size); a
// ticker emits "tick" (30..300 B) to the room "feed" every 0.3..3 s.
'use strict';
const fs = require('fs');
const http = require('http');
const https = require('https');
const { Server } = require('socket.io');
const { args, rng } = require('./common');

const a = args({ host: '127.0.0.1', port: 3000, seed: 1 });
const rand = rng(Number(a.seed));
const server = a.cert
  ? https.createServer({ cert: fs.readFileSync(a.cert), key: fs.readFileSync(a.key) })
  : http.createServer();
const io = new Server(server, { pingInterval: 20000, pingTimeout: 20000, maxHttpBufferSize: 2e6 });
io.on('connection', (socket) => {
  socket.on('join', (d) => { socket.join((d && d.room) || 'lobby'); socket.emit('joined', { room: d && d.room }); });
  socket.on('chat', (d) => io.to((d && d.room) || 'lobby').emit('chat', d));
  socket.on('rpc', (d, ack) => ack && ack({ ok: true, data: 'r'.repeat(Number((d && d.n) || 100)) }));
  socket.on('upload', (b, ack) => ack && ack({ received: b ? b.length : 0 }));
});
let seq = 0;
(function tick() {
  setTimeout(() => { seq += 1; io.to('feed').emit('tick', { seq, v: 't'.repeat(30 + Math.floor(rand() * 271)) }); tick(); },
    300 + rand() * 2700);
})();
server.listen(Number(a.port), a.host, () => console.log(`sio_server.js: listening on ${a.host}:${a.port}`));

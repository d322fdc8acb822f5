#!/usr/bin/env node
// turn_server.js LISTEN_IP PORT RELAY_IP USER PASSWORD [MIN_PORT MAX_PORT]: node-turn (npm, pinned in
// package-lock.json), a STUN/TURN server in JavaScript, with long-term credentials, listening on
// LISTEN_IP:PORT (UDP) and relaying from RELAY_IP.  Runs until SIGTERM/SIGINT.
'use strict';
const Turn = require('node-turn');
const [ip, port, relay, user, pass, minPort, maxPort] = process.argv.slice(2);
const server = new Turn({
  listeningIps: [ip],
  relayIps: [relay],
  listeningPort: Number(port),
  minPort: Number(minPort || 40000),
  maxPort: Number(maxPort || 49999),
  authMech: 'long-term',
  credentials: { [user]: pass },
  realm: 'lab.test',
  debugLevel: process.env.TURN_DEBUG || 'WARN',
});
server.start();
console.log(`node-turn ${require('node-turn/package.json').version} on ${ip}:${port}, relay ${relay}`);
const stop = () => { server.stop(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

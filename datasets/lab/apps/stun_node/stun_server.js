#!/usr/bin/env node
// stun_server.js ADDRESS PORT: the STUN server of npm `stun` (pinned in package-lock.json) on
// ADDRESS:PORT (UDP): Binding requests get a Binding success response with XOR-MAPPED-ADDRESS and
// SOFTWARE, as the package's own command-line server (src/cli.js) answers them.  cli.js itself is
// not used: in stun 2.1.0 it passes its bound socket where createServer expects options
// ({type, socket}), so its STUN server listens on a second, never-bound socket and answers nothing.
'use strict';
const dgram = require('dgram');
const stun = require('stun');
const { version } = require('stun/package.json');

const [address, port] = process.argv.slice(2);
const type = address.includes(':') ? 'udp6' : 'udp4';
const socket = dgram.createSocket(type);
const server = stun.createServer({ type, socket });
const { STUN_BINDING_RESPONSE, STUN_EVENT_BINDING_REQUEST } = stun.constants;
const userAgent = `node/${process.version} stun/v${version}`;

server.on(STUN_EVENT_BINDING_REQUEST, (request, rinfo) => {
  const message = stun.createMessage(STUN_BINDING_RESPONSE, request.transactionId);
  message.addXorAddress(rinfo.address, rinfo.port);
  message.addSoftware(userAgent);
  server.send(message, rinfo.port, rinfo.address);
});
server.on('error', (error) => process.stderr.write(`${error.message}\n`));
socket.bind(Number(port), address, () => {
  const a = socket.address();
  process.stdout.write(`stun ${version} server at ${a.address}:${a.port}\n`);
});
const stop = () => { socket.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

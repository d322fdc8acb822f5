#!/usr/bin/env node
// stun_client.js SERVER PORT COUNT GAP_MS: COUNT STUN Binding requests (npm `stun`, pinned in
// package-lock.json) from one UDP socket to SERVER:PORT (IPv4), GAP_MS apart (the keep-alive /
// NAT-mapping checks an ICE agent makes); prints each mapped address.
'use strict';
const dgram = require('dgram');
const stun = require('stun');
const [server, port, count, gap] = process.argv.slice(2);
(async () => {
  const socket = dgram.createSocket('udp4');
  await new Promise((res) => socket.bind(0, res));
  const sock = stun.createServer({ type: 'udp4', socket });
  for (let i = 0; i < Number(count); i++) {
    try {
      const r = await stun.request(`${server}:${port}`, { server: sock, timeout: 500, retries: 3 });
      const a = r.getXorAddress() || r.getAddress();
      console.log(`binding ${i}: ${a ? `${a.address}:${a.port}` : '?'}`);
    } catch (e) {
      console.log(`binding ${i}: ${e.message}`);
    }
    await new Promise((res) => setTimeout(res, Number(gap)));
  }
  socket.close();
  process.exit(0);
})();

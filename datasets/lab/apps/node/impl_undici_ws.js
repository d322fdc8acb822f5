'use strict';
// The part of the `ws` package's client interface that web_client.js uses, on Node's built-in
// WebSocket: undici's implementation of the WHATWG WebSocket API (Node 20 needs
// --experimental-websocket), an independent handshake, masking and frame codec from `ws`, with
// the browser API's limits: no protocol pings from the client, no permessage-deflate offer, no
// send callback (web_client.js's awaited sends resolve once the socket's buffer has drained
// below 256 kB, so bulk uploads keep a bounded queue).
const { EventEmitter } = require('events');

class UndiciSocket extends EventEmitter {
  constructor(url) {
    super();
    if (typeof globalThis.WebSocket !== 'function') throw new Error('no global WebSocket: run node with --experimental-websocket');
    this.s = new globalThis.WebSocket(url);
    this.s.binaryType = 'arraybuffer';
    this.s.onopen = () => this.emit('open');
    this.s.onmessage = (e) => {
      const bin = typeof e.data !== 'string';
      this.emit('message', bin ? Buffer.from(e.data) : e.data, bin);
    };
    this.s.onerror = (e) => { if (this.listenerCount('error')) this.emit('error', new Error((e && e.message) || 'websocket error')); };
    this.s.onclose = (e) => this.emit('close', e.code, e.reason);
  }

  get readyState() { return this.s.readyState; }

  send(data, cb) {
    try { this.s.send(data); } catch (e) { if (cb) cb(e); return; }
    if (!cb) return;
    const wait = () => { if (this.s.bufferedAmount < 262144 || this.s.readyState !== 1) cb(); else setTimeout(wait, 5); };
    wait();
  }

  close(code) { this.s.close(code); }

  terminate() { this.s.close(); }

  ping() {}
}

module.exports = { UndiciSocket };

// Shared by web_server.js and web_client.js: seeded randomness (the same draws for the same seed
// string on every run), word lists turned into text, logging with a clock, and sleep.
'use strict';
const crypto = require('crypto');

// mulberry32: a small 32-bit generator, seeded from the SHA-256 of a seed string.
function mulberry32(s) {
  s >>>= 0;
  return function () {
    s = (s + 0x6D2B79F5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function hashSeed(str) { return crypto.createHash('sha256').update(String(str)).digest().readUInt32LE(0); }

class Rng {
  constructor(seed) { this.r = mulberry32(hashSeed(seed)); }
  random() { return this.r(); }
  uniform(lo, hi) { return lo + (hi - lo) * this.r(); }
  int(lo, hi) { return lo + Math.floor(this.r() * (hi - lo + 1)); }
  choice(xs) { return xs[Math.floor(this.r() * xs.length)]; }
  expo(rate) { return -Math.log(1 - this.r()) / rate; }
  logu(lo, hi) { return Math.exp(this.uniform(Math.log(lo), Math.log(hi))); }
  gauss() { return Math.sqrt(-2 * Math.log(1 - this.r())) * Math.cos(2 * Math.PI * this.r()); }
  sample(xs, k) { const c = xs.slice(); const o = []; while (o.length < k && c.length) o.push(c.splice(Math.floor(this.r() * c.length), 1)[0]); return o; }
  bits48() { return Math.floor(this.r() * 2 ** 48); }
}

// n words (at least one) drawn from `words`, joined by spaces.
function wordsOf(rng, words, n) { const o = []; for (let i = 0; i < Math.max(1, n); i++) o.push(rng.choice(words)); return o.join(' '); }
function log(...x) { console.error(new Date().toISOString().slice(11, 19), ...x); }
const sleep = (s) => new Promise((r) => setTimeout(r, Math.max(0, s * 1000)));

module.exports = { Rng, wordsOf, log, sleep };

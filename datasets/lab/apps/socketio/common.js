// Shared by sio_server.js and sio_client.js: command-line options and a seeded generator.
'use strict';

// args(defaults): "--name value" pairs of the command line over the defaults.
function args(defaults) {
  const a = { ...defaults };
  for (let i = 2; i < process.argv.length; i += 2) a[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
  return a;
}

// rng(seed): a small seeded generator (mulberry32) of floats in [0, 1), so runs repeat from --seed.
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s + 0x6D2B79F5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

module.exports = { args, rng };

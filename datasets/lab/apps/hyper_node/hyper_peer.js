// hyper_peer.js -- one node of a private HyperDHT / Hyperswarm network for the other_hyperdht_*
// scenarios of the flowclass traffic lab (npm hyperdht + hyperswarm, pinned by package-lock.json).
//
//   node hyper_peer.js boot HOST PORT
//       the network's bootstrap node (DHT.bootstrapper: persistent, HOST:PORT), runs until killed
//   node hyper_peer.js dht BOOT HOST PORT
//       a persistent DHT node (routes and stores for the others), runs until killed
//   node hyper_peer.js peer BOOT SECONDS SALT [PORT]
//       a Hyperswarm user for SECONDS: joins 1-3 of the lab's topics (announce + lookup), and on
//       every encrypted connection (Noise over a UDX stream) chats (small messages), sends a blob
//       (10-150 kB) or answers requests for blobs; now and then stores and reads immutable and
//       mutable records in the DHT, looks a topic up, leaves a topic and joins another.  Exits
//       after SECONDS (unannouncing: a peer leaving the network).
//
// BOOT is host:port of the bootstrap node.  Every choice comes from a PRNG seeded with SALT.
'use strict'
const DHT = require('hyperdht')
const Hyperswarm = require('hyperswarm')
const crypto = require('crypto')
const { Rng } = require('../node/common.js')

// mulberry32 over the SHA-256 of salt, as the web lab's Node apps draw
const prng = (salt) => { const rng = new Rng(salt); return () => rng.random() }
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a)
const TOPICS = ['lab-chat', 'lab-files', 'lab-sensors', 'lab-backup', 'lab-game'].map((t) => ({
  name: t, key: crypto.createHash('sha256').update('flowclass-hyperdht-' + t).digest()
}))

async function main() {
  const [mode, ...args] = process.argv.slice(2)
  if (mode === 'boot') {
    const [host, port] = args
    const node = DHT.bootstrapper(Number(port), host)
    await node.ready()
    log('bootstrap node on', node.address())
    return
  }
  const [bh, bp] = args[0].split(':')
  const bootstrap = [{ host: bh, port: Number(bp) }]
  if (mode === 'dht') {
    const node = new DHT({ bootstrap, host: args[1], port: Number(args[2]), ephemeral: false, firewalled: false, anyPort: false })
    await node.fullyBootstrapped()
    log('dht node on', node.address(), 'table', node.toArray().length)
    setInterval(() => log('table', node.toArray().length), 30000)
    return
  }
  if (mode !== 'peer') throw new Error('mode: boot | dht | peer')
  const seconds = Number(args[1]); const r = prng(args[2])
  const pick = (xs) => xs[Math.floor(r() * xs.length)]
  const dhtOpts = { bootstrap }
  if (args[3]) dhtOpts.port = Number(args[3])
  const dht = new DHT(dhtOpts)
  const swarm = new Hyperswarm({ dht, maxPeers: 12 })
  const end = Date.now() + seconds * 1000
  let sent = 0; let recv = 0

  swarm.on('connection', (socket, info) => {
    const peer = info.publicKey.toString('hex').slice(0, 8)
    socket.on('error', () => {})
    socket.on('data', (d) => {
      recv += d.length
      const s = d.subarray(0, 8).toString()
      if (s.startsWith('WANT ')) {  // a request for a blob: answer it
        const size = Math.min(Number(d.subarray(5, 16).toString().trim()) || 0, 400000)
        socket.write(crypto.randomBytes(size)); sent += size
      }
    })
    const what = r()
    ;(async () => {
      await sleep(200 + r() * 1500)
      if (what < 0.55) {  // chat: a few small messages
        const n = 3 + Math.floor(r() * 15)
        for (let i = 0; i < n && !socket.destroyed; i++) {
          const m = Buffer.from(`msg ${i} ` + crypto.randomBytes(4 + Math.floor(r() * 120)).toString('base64'))
          socket.write(m); sent += m.length
          await sleep(150 + r() * 2500)
        }
      } else if (what < 0.7) {  // push a blob
        const size = 10000 + Math.floor(r() * 140000)
        socket.write(crypto.randomBytes(size)); sent += size
      } else if (what < 0.88) {  // ask for one or two blobs
        const n = 1 + Math.floor(r() * 2)
        for (let i = 0; i < n && !socket.destroyed; i++) {
          socket.write(`WANT ${5000 + Math.floor(r() * 115000)}`.padEnd(16)); sent += 16
          await sleep(1000 + r() * 4000)
        }
      }  // else: only the keep-alives
      log('conn', peer, 'sent', sent, 'recv', recv)
    })().catch(() => {})
  })

  const joined = new Map()
  async function join(t) {
    if (joined.has(t.name)) return
    const d = swarm.join(t.key, { server: true, client: true })
    joined.set(t.name, d)
    log('join', t.name)
  }
  async function leave() {
    const names = [...joined.keys()]
    if (names.length < 2) return
    const n = pick(names); joined.delete(n)
    await swarm.leave(TOPICS.find((t) => t.name === n).key)
    log('leave', n)
  }
  const first = 1 + Math.floor(r() * 3)
  for (const t of [...TOPICS].sort(() => r() - 0.5).slice(0, first)) await join(t)
  await swarm.flush().catch(() => {})
  log('flushed, connections', swarm.connections.size)

  const kp = DHT.keyPair(); let seq = 0
  while (Date.now() < end - 3000) {
    await sleep(2000 + r() * 8000)
    if (Date.now() > end - 3000) break
    const op = r()
    try {
      if (op < 0.2) {
        const { hash } = await dht.immutablePut(crypto.randomBytes(40 + Math.floor(r() * 900)))
        const got = await dht.immutableGet(hash)
        log('immutable', hash.toString('hex').slice(0, 8), got ? got.value.length : null)
      } else if (op < 0.35) {
        await dht.mutablePut(kp, Buffer.from(`status ${seq++} ${Date.now()}`), { seq })
        const got = await dht.mutableGet(kp.publicKey)
        log('mutable seq', got && got.seq)
      } else if (op < 0.55) {
        const t = pick(TOPICS); let n = 0
        for await (const res of dht.lookup(t.key)) n += res.peers.length
        log('lookup', t.name, 'peers', n)
      } else if (op < 0.7) {
        await join(pick(TOPICS))
      } else if (op < 0.8) {
        await leave()
      }
    } catch (err) { log('op failed', err.message) }
  }
  log('leaving: sent', sent, 'recv', recv, 'connections', swarm.connections.size)
  await swarm.destroy().catch(() => {})
  await dht.destroy().catch(() => {})
  process.exit(0)
}
main().catch((err) => { console.error(err); process.exit(1) })

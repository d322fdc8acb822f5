// libp2p_peer.mjs -- one js-libp2p node for the other_libp2p_* scenarios of the flowclass traffic lab
// (npm libp2p + @libp2p/tcp + @chainsafe/libp2p-noise + @chainsafe/libp2p-yamux + @libp2p/kad-dht +
// identify + ping + bootstrap, pinned by package-lock.json).
//
//   node libp2p_peer.mjs NAME LISTEN_IP PORT SECONDS SALT BOOT...
//
// NAME's key pair (Ed25519) is derived from NAME, so every node knows the bootstrap nodes' peer IDs:
// BOOT is NAME@IP:PORT (IPv6 addresses as NAME@[IP]:PORT).  The node listens on LISTEN_IP:PORT over
// TCP (Noise, then Yamux), joins a LAN Kademlia DHT (server mode, /ipfs/lan/kad/1.0.0) through its
// bootstrap nodes, provides two of six shared content IDs, and for SECONDS: puts and gets records
// (/lab/NAME/K), provides content IDs and finds their providers, fetches a provider's "file"
// (/lab/file/1.0.0, 10-200 kB), chats over /lab/echo/1.0.0 or fetches a file from a connected peer,
// pings and looks up peers, and now and then hangs up on a peer.  Every choice comes from a PRNG
// seeded with SALT.  SECONDS = 0: run until SIGTERM.  A NAME starting with "c" is a DHT client
// (kad-dht clientMode: it queries and provides but serves no DHT requests, so the servers keep it
// out of their routing tables), e.g. a short-lived application.
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { kadDHT, removePublicAddressesMapper } from '@libp2p/kad-dht'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { bootstrap } from '@libp2p/bootstrap'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import * as raw from 'multiformats/codecs/raw'
import crypto from 'node:crypto'
import common from '../node/common.js'

// libp2p 3 targets Node.js >= 22; the lab's Node.js 20 lacks Promise.withResolvers (ES2024), which
// its queues call at run time: the standard polyfill.
if (!Promise.withResolvers) {
  Promise.withResolvers = function () {
    let resolve, reject
    const promise = new this((res, rej) => { resolve = res; reject = rej })
    return { promise, resolve, reject }
  }
}
const { Rng } = common
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a)
const keyOf = (name) => generateKeyPairFromSeed('Ed25519', crypto.createHash('sha256').update('flowclass-libp2p-' + name).digest())
// mulberry32 over the SHA-256 of salt, as the web lab's Node apps draw
const prng = (salt) => { const rng = new Rng(salt); return () => rng.random() }
const ma = (ip, port) => `/${ip.includes(':') ? 'ip6' : 'ip4'}/${ip}/tcp/${port}`

const [name, ip, port, seconds, salt, ...boots] = process.argv.slice(2)
const r = prng(salt); const pick = (xs) => xs[Math.floor(r() * xs.length)]
const privateKey = await keyOf(name)
const bootAddrs = []
for (const b of boots) {
  const [bn, hp] = b.split('@'); const i = hp.lastIndexOf(':')
  const bip = hp.slice(0, i).replace(/^\[|\]$/g, ''); const bport = hp.slice(i + 1)
  if (bn === name) continue
  bootAddrs.push(`${ma(bip, bport)}/p2p/${peerIdFromPrivateKey(await keyOf(bn)).toString()}`)
}
const node = await createLibp2p({
  privateKey,
  addresses: { listen: [ma(ip, port)] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  // the DHT tags its closest peers keep-alive: a peer that has left is redialed, by default 5 times
  // (1, 2, 4, 8, 16 s); two redials keep refused connects from outnumbering the real connections
  connectionManager: { reconnectRetries: 2, reconnectRetryInterval: 2000 },
  peerDiscovery: bootAddrs.length ? [bootstrap({ list: bootAddrs, timeout: 500 })] : [],
  services: {
    identify: identify(),
    ping: ping(),
    dht: kadDHT({
      protocol: '/ipfs/lan/kad/1.0.0',
      clientMode: name.startsWith('c'),
      peerInfoMapper: removePublicAddressesMapper,
      validators: { lab: async () => {} },
      selectors: { lab: () => 0 },
      initialQuerySelfInterval: 2000
    })
  }
})
log(name, 'peer', node.peerId.toString(), 'on', node.getMultiaddrs().map(String).join(' '))

// /lab/echo/1.0.0 answers every message; /lab/file/1.0.0 reads a size (decimal, newline) and sends that many bytes
await node.handle('/lab/echo/1.0.0', async (stream) => {
  try { for await (const chunk of stream) stream.send(chunk.subarray()) } catch {}
  await stream.close().catch(() => {})
})
await node.handle('/lab/file/1.0.0', async (stream) => {
  try {
    for await (const chunk of stream) {
      const size = Math.min(Number(new TextDecoder().decode(chunk.subarray()).trim()) || 0, 300000)
      for (let off = 0; off < size; off += 16384) {
        if (!stream.send(crypto.randomBytes(Math.min(16384, size - off)))) await stream.onDrain()
      }
      break
    }
  } catch {}
  await stream.close().catch(() => {})
})

const POOL = await Promise.all([...Array(6).keys()].map(async (i) => CID.create(1, raw.code, await sha256.digest(new TextEncoder().encode('lab-content-' + i)))))
const dht = node.services.dht
const end = Number(seconds) > 0 ? Date.now() + Number(seconds) * 1000 : Infinity
let stopping = false
process.on('SIGTERM', () => { stopping = true })
const others = () => node.getPeers()
let k = 0; const mine = []

async function fetchFile(peerId) {
  const stream = await node.dialProtocol(peerId, '/lab/file/1.0.0', { signal: AbortSignal.timeout(15000) })
  const want = 10000 + Math.floor(r() * 190000)
  stream.send(new TextEncoder().encode(want + '\n'))
  let got = 0
  for await (const chunk of stream) { got += chunk.byteLength; if (got >= want) break }
  await stream.close().catch(() => {})
  return got
}
async function chat(peerId) {
  const stream = await node.dialProtocol(peerId, '/lab/echo/1.0.0', { signal: AbortSignal.timeout(15000) })
  const n = 2 + Math.floor(r() * 10); let got = 0
  const reader = (async () => { for await (const chunk of stream) { got += chunk.byteLength } })().catch(() => {})
  for (let i = 0; i < n; i++) {
    stream.send(new TextEncoder().encode(`line ${i} ` + crypto.randomBytes(4 + Math.floor(r() * 90)).toString('base64')))
    await sleep(100 + r() * 1500)
  }
  await stream.close().catch(() => {})
  await Promise.race([reader, sleep(3000)])
  return got
}

await sleep(1500)
for (const cid of [...POOL].sort(() => r() - 0.5).slice(0, 2)) {  // announce what this node holds
  try { await node.contentRouting.provide(cid, { signal: AbortSignal.timeout(10000) }); log('provide', cid.toString().slice(-8)) } catch (err) { log('provide failed', err.message) }
}
while (!stopping && Date.now() < end - 2000) {
  await sleep(1500 + r() * 6000)
  if (stopping || Date.now() >= end - 2000) break
  const op = r(); const peers = others()
  const signal = AbortSignal.timeout(12000)
  try {
    if (op < 0.18) {
      const key = new TextEncoder().encode(`/lab/${name}/${++k}`)
      for await (const _ of dht.put(key, crypto.randomBytes(40 + Math.floor(r() * 900)), { signal })) {}
      mine.push(k); log('put', k)
    } else if (op < 0.32) {
      const key = new TextEncoder().encode(`/lab/${pick(['n1', 'p1', 'p2', 'p3', 'p4', name])}/${1 + Math.floor(r() * 2)}`)
      let found = 0
      for await (const ev of dht.get(key, { signal })) if (ev.name === 'VALUE') found++
      log('get', found)
    } else if (op < 0.46) {
      const cid = pick(POOL)
      await node.contentRouting.provide(cid, { signal })
      log('provide', cid.toString().slice(-8))
    } else if (op < 0.62) {
      const cid = pick(POOL); let prov = null
      for await (const p of node.contentRouting.findProviders(cid, { signal })) {
        if (!p.id.equals(node.peerId)) { prov = p; break }
      }
      log('findProviders', cid.toString().slice(-8), prov ? prov.id.toString().slice(-6) : '-')
      if (prov) log('fetched', await fetchFile(prov.id))
    } else if (op < 0.74 && peers.length) {
      if (r() < 0.6) log('chat', await chat(pick(peers)))
      else log('fetched from a peer', await fetchFile(pick(peers)))
    } else if (op < 0.79 && peers.length) {
      log('ping', await node.services.ping.ping(pick(peers), { signal }))
    } else if (op < 0.84) {
      const target = peerIdFromPrivateKey(await keyOf(pick(['n1', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6'])))
      if (!target.equals(node.peerId)) log('findPeer', (await node.peerRouting.findPeer(target, { signal })).multiaddrs.length)
    } else if (peers.length > 1) {
      const p = pick(peers); await node.hangUp(p); log('hangUp', p.toString().slice(-6))
    }
  } catch (err) { log('op failed', err.name, err.message) }
}
log('stopping, peers', others().length)
await node.stop()
process.exit(0)

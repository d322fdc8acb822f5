#!/usr/bin/env node
// wt_peer.js -- one WebTorrent (JavaScript BitTorrent client: bittorrent-protocol peer wire,
// utp-native uTP, bittorrent-dht, bittorrent-tracker HTTP/UDP announces, ut_pex) as a lab peer.
//
//   node wt_peer.js --dir DIR --port P [--dht-port D] [--dht yes|no] [--bootstrap IP:PORT]...
//                   [--secure yes|no] [--utp yes|no] [--lsd yes|no] [--peer IP:PORT|[V6]:PORT]...
//                   TORRENT...
//
// Every torrent is added with its data directory DIR/data: files already there are verified and
// seeded, missing pieces are downloaded; a complete torrent keeps seeding until SIGTERM, which
// destroys the client (stopped announces, connections closed) and exits.  --secure yes makes
// every outgoing connection start with the MSE/PE handshake (webtorrent's "secure" option;
// incoming MSE is always accepted).  --peer adds a peer address directly to every torrent
// (used where no tracker or DHT can tell the address, e.g. IPv6 without DHT6).  Progress and
// every new peer connection are logged on stdout.
'use strict'
const fs = require('fs')
const path = require('path')
const WebTorrent = require('webtorrent')

function parseArgs (argv) {
  const o = { dir: null, port: 0, dhtPort: 0, dht: true, bootstrap: [], secure: false, utp: true, lsd: false, peers: [], torrents: [] }
  const yes = v => v === 'yes'
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const v = () => argv[++i]
    switch (a) {
      case '--dir': o.dir = v(); break
      case '--port': o.port = Number(v()); break
      case '--dht-port': o.dhtPort = Number(v()); break
      case '--dht': o.dht = yes(v()); break
      case '--bootstrap': o.bootstrap.push(v()); break
      case '--secure': o.secure = yes(v()); break
      case '--utp': o.utp = yes(v()); break
      case '--lsd': o.lsd = yes(v()); break
      case '--peer': o.peers.push(v()); break
      default:
        if (a.startsWith('--')) throw new Error(`unknown option ${a}`)
        o.torrents.push(a)
    }
  }
  if (!o.dir || !o.port || o.torrents.length === 0) throw new Error('usage: wt_peer.js --dir DIR --port P [options] TORRENT...')
  return o
}

function main () {
  const o = parseArgs(process.argv.slice(2))
  const data = path.join(o.dir, 'data')
  fs.mkdirSync(data, { recursive: true })
  const client = new WebTorrent({
    torrentPort: o.port,
    dhtPort: o.dhtPort,
    dht: o.dht ? { bootstrap: o.bootstrap } : false,
    secure: o.secure,
    utp: o.utp,
    lsd: o.lsd,
    webSeeds: false,
    maxConns: 60
  })
  const log = (...m) => console.log(new Date().toISOString(), ...m)
  client.on('error', e => { log('client error', e.message); process.exitCode = 1 })
  log(`webtorrent ${WebTorrent.VERSION} port ${o.port} dht ${o.dht ? o.dhtPort : 'off'} utp ${client.utp} secure ${o.secure}`)
  for (const t of o.torrents) {
    const torrent = client.add(fs.readFileSync(t), { path: data })
    torrent.on('ready', () => {
      log(`ready ${torrent.name} ${torrent.infoHash} ${torrent.length} B, have ${torrent.downloaded} B`)
      for (const p of o.peers) torrent.addPeer(p)
    })
    torrent.on('wire', (wire, addr) => log(`wire ${torrent.name} ${addr} ${wire.type}`))
    torrent.on('done', () => log(`done ${torrent.name}`))
    torrent.on('warning', w => log(`warning ${torrent.name} ${w.message || w}`))
    torrent.on('error', e => log(`error ${torrent.name} ${e.message || e}`))
  }
  const progress = setInterval(() => {
    log(client.torrents.map(t => `${t.name} ${(t.progress * 100).toFixed(1)}% up ${t.uploaded} down ${t.downloaded} peers ${t.numPeers}`).join(' | '))
  }, 5000)
  const stop = sig => {
    log(`${sig}: stopping`)
    clearInterval(progress)
    client.destroy(() => process.exit(0))
    setTimeout(() => process.exit(0), 5000).unref()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main()

//! The lab's HTTP/3 server on h3 + quinn: the generated site under `--root` and a small API like
//! apps/h3_server.py's (`/api/status`, `/api/items?n=K`, `/api/poll?wait=S`, `POST /api/upload`,
//! `/dl/<N>`); every answer carries `alt-svc: h3=":PORT"`.
//!
//!   h3-quinn-server --listen ADDR:PORT --cert server.crt --key server.key --root SITE [--seed 1]
//!                   [--idle-timeout 30]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::{Buf, Bytes};
use h3::server::RequestResolver;
use h3_quinn::quinn;
use lab_h3_quinn::{read_certs, read_key, Opts, Rng, ALPN};
use quinn::crypto::rustls::QuicServerConfig;

const MAX_DL: usize = 20_000_000;

struct Site {
    root: PathBuf,
    rng: Mutex<Rng>,
    alt_svc: String,
}

struct Answer {
    status: u16,
    ctype: &'static str,
    body: Vec<u8>,
}

fn query(uri: &http::Uri, key: &str) -> Option<f64> {
    uri.query()?
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == key)
        .and_then(|(_, v)| v.parse().ok())
}

fn json(body: String) -> Answer {
    Answer {
        status: 200,
        ctype: "application/json",
        body: body.into_bytes(),
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html",
        "css" => "text/css",
        "js" => "application/javascript",
        "json" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

impl Site {
    async fn answer(&self, method: &http::Method, uri: &http::Uri, body_len: usize) -> Answer {
        let path = uri.path();
        if path == "/api/status" {
            let load = self.rng.lock().unwrap().unit();
            return json(format!("{{\"ok\": true, \"load\": {load}}}"));
        }
        if path == "/api/items" {
            let mut rng = self.rng.lock().unwrap();
            let n =
                query(uri, "n").map_or_else(|| rng.range(3, 40), |n| n.clamp(1.0, 200.0) as u64);
            let items: Vec<String> = (0..n)
                .map(|i| {
                    format!(
                        "{{\"id\": {}, \"name\": \"item{i}\", \"score\": {:.4}}}",
                        rng.range(1, 1_000_000),
                        rng.unit()
                    )
                })
                .collect();
            return json(format!("{{\"items\": [{}]}}", items.join(", ")));
        }
        if path == "/api/poll" {
            let wait = query(uri, "wait")
                .or_else(|| query(uri, "timeout"))
                .unwrap_or(10.0)
                .clamp(0.0, 60.0);
            let (secs, event) = {
                let mut rng = self.rng.lock().unwrap();
                let secs = if rng.unit() < 0.6 {
                    rng.uniform(0.1, wait.max(0.1))
                } else {
                    wait
                };
                (secs, rng.range(1, 1_000_000_000))
            };
            tokio::time::sleep(Duration::from_secs_f64(secs)).await;
            return json(format!("{{\"event\": {event}}}"));
        }
        if path == "/api/upload" && (method == http::Method::POST || method == http::Method::PUT) {
            return json(format!("{{\"received\": {body_len}}}"));
        }
        if let Some(n) = path
            .strip_prefix("/dl/")
            .and_then(|n| n.parse::<usize>().ok())
        {
            let body = self.rng.lock().unwrap().bytes(n.min(MAX_DL));
            return Answer {
                status: 200,
                ctype: "application/octet-stream",
                body,
            };
        }
        if method == http::Method::GET || method == http::Method::HEAD {
            return self.file(path).await;
        }
        Answer {
            status: 405,
            ctype: "text/plain",
            body: b"method not allowed\n".to_vec(),
        }
    }

    async fn file(&self, path: &str) -> Answer {
        let rel = path.trim_start_matches('/');
        let rel = if rel.is_empty() { "index.html" } else { rel };
        let full = self.root.join(rel);
        if rel.contains("..") {
            return Answer {
                status: 404,
                ctype: "text/plain",
                body: b"not found\n".to_vec(),
            };
        }
        match tokio::fs::read(&full).await {
            Ok(body) => Answer {
                status: 200,
                ctype: content_type(&full),
                body,
            },
            Err(_) => Answer {
                status: 404,
                ctype: "text/plain",
                body: b"not found\n".to_vec(),
            },
        }
    }
}

async fn handle<C>(
    site: Arc<Site>,
    resolver: RequestResolver<C, Bytes>,
) -> Result<(), Box<dyn std::error::Error>>
where
    C: h3::quic::Connection<Bytes>,
{
    let Some((req, mut stream)) = resolver.resolve_request().await.ok() else {
        return Ok(());
    };
    let mut body_len = 0;
    while let Some(chunk) = stream.recv_data().await? {
        body_len += chunk.remaining();
    }
    let ans = site.answer(req.method(), req.uri(), body_len).await;
    let resp = http::Response::builder()
        .status(ans.status)
        .header("server", "lab-h3-quinn")
        .header("content-type", ans.ctype)
        .header("content-length", ans.body.len())
        .header("alt-svc", &site.alt_svc)
        .body(())?;
    stream.send_response(resp).await?;
    if req.method() != http::Method::HEAD {
        for chunk in ans.body.chunks(16 * 1024) {
            stream.send_data(Bytes::copy_from_slice(chunk)).await?;
        }
    }
    stream.finish().await?;
    Ok(())
}

async fn serve_connection(site: Arc<Site>, incoming: quinn::Incoming) {
    let Ok(conn) = incoming.await else { return };
    let Ok(mut h3) = h3::server::Connection::<_, Bytes>::new(h3_quinn::Connection::new(conn)).await
    else {
        return;
    };
    while let Ok(Some(resolver)) = h3.accept().await {
        let site = site.clone();
        tokio::spawn(async move {
            // the client may close the connection while an answer is under way
            let _ = handle(site, resolver).await;
        });
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let usage = "h3-quinn-server --listen ADDR:PORT --cert PEM --key PEM --root DIR [--seed N] [--idle-timeout S]";
    let o = Opts::parse(usage);
    let listen: SocketAddr = o.get("listen", None);
    let certs = read_certs(Path::new(&o.get::<String>("cert", None)));
    let key = read_key(Path::new(&o.get::<String>("key", None)));
    let idle: u64 = o.get("idle-timeout", Some(30));
    let site = Arc::new(Site {
        root: o.get::<String>("root", None).into(),
        rng: Mutex::new(Rng::new(o.get("seed", Some(1)))),
        alt_svc: format!("h3=\":{}\"; ma=3600", listen.port()),
    });
    let mut tls = rustls::ServerConfig::builder_with_protocol_versions(&[&rustls::version::TLS13])
        .with_no_client_auth()
        .with_single_cert(certs, key)?;
    tls.alpn_protocols = vec![ALPN.to_vec()];
    let mut cfg = quinn::ServerConfig::with_crypto(Arc::new(QuicServerConfig::try_from(tls)?));
    let mut transport = quinn::TransportConfig::default();
    transport.max_idle_timeout(Some(Duration::from_secs(idle).try_into()?));
    cfg.transport_config(Arc::new(transport));
    let endpoint = quinn::Endpoint::server(cfg, listen)?;
    println!("h3-quinn-server: listening on udp {listen}");
    while let Some(incoming) = endpoint.accept().await {
        tokio::spawn(serve_connection(site.clone(), incoming));
    }
    Ok(())
}

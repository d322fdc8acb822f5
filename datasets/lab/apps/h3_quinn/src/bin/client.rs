//! HTTP/3 users on h3 + quinn: every user runs sessions until `--duration` is over, each session
//! one QUIC connection of `--session-min..--session-max` seconds in one mode, requests separated by
//! think times, sessions by gaps.  Modes: pages (a page, then its assets as parallel streams), api
//! (small GETs), poll (long-polls), upload (POSTs of --up-min..--up-max bytes), download (`/dl/N`).
//! Prints one summary line on stderr.
//!
//!   h3-quinn-client --host IP --port 443 --cafile ca.crt [--server-name lab.test] [--clients 4]
//!                   [--duration 60] [--mode pages,api,poll,upload,download] [--pages 6]
//!                   [--dl-sizes 30000,200000] [--up-min 2000] [--up-max 60000] [--think-min 0.3]
//!                   [--think-max 5] [--session-min 5] [--session-max 30] [--gap-min 0.5]
//!                   [--gap-max 6] [--seed 1]

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::{Buf, Bytes};
use h3_quinn::quinn;
use lab_h3_quinn::{read_certs, Opts, Rng, ALPN};
use quinn::crypto::rustls::QuicClientConfig;

type Error = Box<dyn std::error::Error + Send + Sync>;
type Sender = h3::client::SendRequest<h3_quinn::OpenStreams, Bytes>;

struct Plan {
    server: SocketAddr,
    bind: SocketAddr,
    client_cfg: quinn::ClientConfig,
    authority: String,
    server_name: String,
    modes: Vec<String>,
    pages: u64,
    dl_sizes: Vec<usize>,
    up: (u64, u64),
    think: (f64, f64),
    session: (f64, f64),
    gap: (f64, f64),
    requests: AtomicUsize,
    failures: AtomicUsize,
    bytes: AtomicUsize,
}

async fn request(
    plan: &Plan,
    tx: &mut Sender,
    method: &str,
    path: &str,
    body: Vec<u8>,
) -> Result<Vec<u8>, Error> {
    let req = http::Request::builder()
        .method(method)
        .uri(format!("https://{}{path}", plan.authority))
        .header("user-agent", "h3-quinn-lab")
        .header("accept", "*/*")
        .body(())?;
    let mut stream = tx.send_request(req).await?;
    if !body.is_empty() {
        stream.send_data(Bytes::from(body)).await?;
    }
    stream.finish().await?;
    stream.recv_response().await?;
    let mut data = Vec::new();
    while let Some(mut chunk) = stream.recv_data().await? {
        while chunk.has_remaining() {
            let part = chunk.chunk();
            data.extend_from_slice(part);
            let n = part.len();
            chunk.advance(n);
        }
    }
    plan.requests.fetch_add(1, Ordering::Relaxed);
    plan.bytes.fetch_add(data.len(), Ordering::Relaxed);
    Ok(data)
}

/// The `assets/...` and `img/...` references of a generated page, each once.
fn assets(html: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(html);
    let mut out: Vec<String> = Vec::new();
    for piece in text.split(['\'', '"']) {
        if (piece.starts_with("assets/") || piece.starts_with("img/"))
            && !out.iter().any(|p| p == piece)
        {
            out.push(piece.to_string());
        }
    }
    out
}

async fn step(plan: &Arc<Plan>, tx: &mut Sender, rng: &mut Rng, mode: &str) -> Result<(), Error> {
    match mode {
        "pages" => {
            let page = if rng.unit() < 0.3 {
                "index.html".to_string()
            } else {
                format!("p{}.html", rng.range(1, plan.pages - 1))
            };
            let html = request(plan, tx, "GET", &format!("/{page}"), Vec::new()).await?;
            let mut gets = tokio::task::JoinSet::new();
            for a in assets(&html) {
                let (plan, mut tx) = (plan.clone(), tx.clone());
                gets.spawn(async move {
                    request(&plan, &mut tx, "GET", &format!("/{a}"), Vec::new())
                        .await
                        .map(drop)
                });
            }
            while let Some(r) = gets.join_next().await {
                r??;
            }
        }
        "api" if rng.unit() < 0.5 => {
            request(
                plan,
                tx,
                "GET",
                &format!("/api/items?n={}", rng.range(1, 60)),
                Vec::new(),
            )
            .await?;
        }
        "api" => {
            request(plan, tx, "GET", "/api/status", Vec::new()).await?;
        }
        "poll" => {
            request(
                plan,
                tx,
                "GET",
                &format!("/api/poll?wait={}", rng.range(2, 15)),
                Vec::new(),
            )
            .await?;
        }
        "upload" => {
            let size = rng.range(plan.up.0, plan.up.1) as usize;
            let body = rng.bytes(size);
            request(plan, tx, "POST", "/api/upload", body).await?;
        }
        _ => {
            let size = plan.dl_sizes[rng.range(0, plan.dl_sizes.len() as u64 - 1) as usize];
            request(plan, tx, "GET", &format!("/dl/{size}"), Vec::new()).await?;
        }
    }
    Ok(())
}

/// One session: a new UDP socket (endpoint) and QUIC connection, as a new client program run has.
async fn session(plan: &Arc<Plan>, rng: &mut Rng, mode: &str, end: Instant) -> Result<(), Error> {
    let mut endpoint = quinn::Endpoint::client(plan.bind)?;
    endpoint.set_default_client_config(plan.client_cfg.clone());
    let conn = endpoint.connect(plan.server, &plan.server_name)?.await?;
    let (mut driver, mut tx) = h3::client::new(h3_quinn::Connection::new(conn.clone())).await?;
    let drive = tokio::spawn(async move { std::future::poll_fn(|cx| driver.poll_close(cx)).await });
    let mut result = Ok(());
    while Instant::now() < end {
        if let Err(e) = step(plan, &mut tx, rng, mode).await {
            result = Err(e);
            break;
        }
        tokio::time::sleep(Duration::from_secs_f64(
            rng.uniform(plan.think.0, plan.think.1),
        ))
        .await;
    }
    conn.close(0u32.into(), b"done");
    endpoint.wait_idle().await;
    drive.abort();
    result
}

async fn user(plan: Arc<Plan>, seed: u64, until: Instant) {
    let mut rng = Rng::new(seed);
    tokio::time::sleep(Duration::from_secs_f64(rng.uniform(0.0, plan.gap.1))).await;
    while Instant::now() < until {
        let mode = plan.modes[rng.range(0, plan.modes.len() as u64 - 1) as usize].clone();
        let end = (Instant::now()
            + Duration::from_secs_f64(rng.uniform(plan.session.0, plan.session.1)))
        .min(until);
        if session(&plan, &mut rng, &mode, end).await.is_err() {
            plan.failures.fetch_add(1, Ordering::Relaxed);
        }
        tokio::time::sleep(Duration::from_secs_f64(rng.uniform(plan.gap.0, plan.gap.1))).await;
    }
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let o =
        Opts::parse("h3-quinn-client --host IP --port N --cafile PEM [options, see the source]");
    let host: IpAddr = o.get("host", None);
    let port: u16 = o.get("port", Some(443));
    let server = SocketAddr::new(host, port);
    let mut roots = rustls::RootCertStore::empty();
    for cert in read_certs(Path::new(&o.get::<String>("cafile", None))) {
        roots.add(cert)?;
    }
    let mut tls = rustls::ClientConfig::builder_with_protocol_versions(&[&rustls::version::TLS13])
        .with_root_certificates(roots)
        .with_no_client_auth();
    tls.alpn_protocols = vec![ALPN.to_vec()];
    let client_cfg = quinn::ClientConfig::new(Arc::new(QuicClientConfig::try_from(tls)?));
    let bind: SocketAddr = if host.is_ipv6() {
        "[::]:0".parse()?
    } else {
        "0.0.0.0:0".parse()?
    };
    let plan = Arc::new(Plan {
        server,
        bind,
        client_cfg,
        authority: server.to_string(),
        server_name: o.get("server-name", Some("lab.test".to_string())),
        modes: o.list("mode", "pages,api,poll,upload,download"),
        pages: o.get("pages", Some(6)),
        dl_sizes: o.list("dl-sizes", "30000,200000,800000"),
        up: (o.get("up-min", Some(2000)), o.get("up-max", Some(60000))),
        think: (o.get("think-min", Some(0.3)), o.get("think-max", Some(5.0))),
        session: (
            o.get("session-min", Some(5.0)),
            o.get("session-max", Some(30.0)),
        ),
        gap: (o.get("gap-min", Some(0.5)), o.get("gap-max", Some(6.0))),
        requests: AtomicUsize::new(0),
        failures: AtomicUsize::new(0),
        bytes: AtomicUsize::new(0),
    });
    let clients: u64 = o.get("clients", Some(4));
    let seed: u64 = o.get("seed", Some(1));
    let until = Instant::now() + Duration::from_secs_f64(o.get("duration", Some(60.0)));
    let mut tasks = Vec::new();
    for n in 0..clients {
        tasks.push(tokio::spawn(user(plan.clone(), seed * 1000 + n, until)));
    }
    for t in tasks {
        t.await?;
    }
    eprintln!(
        "h3-quinn-client: {} requests, {} bytes, {} failed sessions",
        plan.requests.load(Ordering::Relaxed),
        plan.bytes.load(Ordering::Relaxed),
        plan.failures.load(Ordering::Relaxed)
    );
    Ok(())
}

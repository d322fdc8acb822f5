//! Live capture (`flowclass classify -i`, cargo feature `live`) on one end of a veth pair
//! between two network namespaces, with real clients and servers on either side: curl against
//! Python's `http.server`, the lab's WebSocket chat (`datasets/lab/apps/ws_server.py` and
//! `ws_client.py`), and a UDP exchange between two Python sockets. Each flow's row must come out
//! within [`ON_TIME`] of the flow's end, measured from when the client saw the connection
//! closed to when the row reached flowclass's standard output.
//!
//! They need root (namespaces, capture) and a build with the feature, so they are ignored by
//! default; `.ci/run` runs them as root:
//! `cargo test --release --features live --test it live_capture -- --include-ignored --nocapture`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::support::repo;

/// How soon after its end a flow's row must be out: issue 19's target.
const ON_TIME: Duration = Duration::from_secs(2);

/// How long to wait for anything that should happen at all (a loaded machine is slow).
const PATIENCE: Duration = Duration::from_secs(30);

const SERVER_IP: &str = "10.203.0.1";
const CLIENT_IP: &str = "10.203.0.2";
const HTTP_PORT: u16 = 8000;
const WS_PORT: u16 = 8765;
const UDP_PORT: u16 = 5353;

/// The lab's Python, with python3-websockets (datasets/lab/install.sh).
const PYTHON: &str = "/usr/bin/python3";

/// Runs `program` with `args`, failing the test if it fails.
fn must(program: &str, args: &[&str]) {
    let status = Command::new(program)
        .args(args)
        .status()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(status.success(), "{program} {args:?} failed: {status}");
}

/// Two network namespaces joined by a veth pair, with names unique to this test run; deleted
/// (veth and all) when dropped, even when the test fails.
struct Link {
    server: String,
    client: String,
    /// The server side's end of the veth pair, where flowclass captures.
    server_if: String,
}

impl Link {
    fn new() -> Link {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let tag = format!(
            "fc{}x{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let link = Link {
            server: format!("{tag}s"),
            client: format!("{tag}c"),
            server_if: format!("{tag}s"),
        };
        let client_if = format!("{tag}c");
        must("ip", &["netns", "add", &link.server]);
        must("ip", &["netns", "add", &link.client]);
        must(
            "ip",
            &[
                "link",
                "add",
                &link.server_if,
                "netns",
                &link.server,
                "type",
                "veth",
                "peer",
                "name",
                &client_if,
                "netns",
                &link.client,
            ],
        );
        for (ns, interface, ip) in [
            (&link.server, &link.server_if, SERVER_IP),
            (&link.client, &client_if, CLIENT_IP),
        ] {
            // No IPv6, so that the link carries only the traffic the test makes.
            must(
                "ip",
                &[
                    "netns",
                    "exec",
                    ns,
                    "sysctl",
                    "-qw",
                    "net.ipv6.conf.all.disable_ipv6=1",
                ],
            );
            let address = format!("{ip}/24");
            for args in [
                vec!["addr", "add", &address, "dev", interface],
                vec!["link", "set", interface, "up"],
                vec!["link", "set", "lo", "up"],
            ] {
                must("ip", &[&["-n", ns.as_str()], args.as_slice()].concat());
            }
        }
        link
    }

    /// `program args` run inside namespace `ns`.
    fn command(&self, ns: &str, program: &str, args: &[&str]) -> Command {
        let mut command = Command::new("ip");
        command
            .args(["netns", "exec", ns, program])
            .args(args)
            .current_dir(repo("."));
        command
    }

    /// Python's `http.server` serving `site`.
    fn serve_http(&self, site: &std::path::Path) -> Background {
        let port = HTTP_PORT.to_string();
        let site = site.to_str().unwrap();
        let args = [
            "-m",
            "http.server",
            &port,
            "--bind",
            SERVER_IP,
            "--directory",
            site,
        ];
        self.serve(HTTP_PORT, PYTHON, &args)
    }

    /// The lab's WebSocket server, whose `/ws/chat` the chat client talks to.
    fn serve_chat(&self) -> Background {
        let port = WS_PORT.to_string();
        let server = "datasets/lab/apps/ws_server.py";
        let args = [
            server,
            "--host",
            SERVER_IP,
            "--port",
            &port,
            "--ping-interval",
            "8",
        ];
        self.serve(WS_PORT, PYTHON, &args)
    }

    /// Starts a server in the server namespace and waits until it listens on TCP or UDP `port`.
    fn serve(&self, port: u16, program: &str, args: &[&str]) -> Background {
        let server = Background::start(
            self.command(&self.server, program, args)
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        );
        let started = Instant::now();
        let sport = format!("sport = :{port}");
        while started.elapsed() < PATIENCE {
            let listening = self
                .command(&self.server, "ss", &["-Hltun", &sport])
                .output()
                .expect("ss runs");
            if !listening.stdout.is_empty() {
                return server;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("{program} never listened on port {port}");
    }
}

impl Drop for Link {
    fn drop(&mut self) {
        for ns in [&self.server, &self.client] {
            let _ = Command::new("ip").args(["netns", "del", ns]).status();
        }
    }
}

/// A process killed (by its PID) and reaped when dropped.
struct Background(Child);

impl Background {
    fn start(command: &mut Command) -> Background {
        Background(command.spawn().expect("the program starts"))
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Sends `signal` (by name, as `kill -s` takes it) to `child`.
fn signal(child: &Child, signal: &str) {
    must("kill", &["-s", signal, &child.id().to_string()]);
}

/// A line of output and when it arrived.
type Line = (Instant, String);

/// Forwards each line of `source` with its arrival time.
fn lines(source: impl std::io::Read + Send + 'static) -> Receiver<Line> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(source).lines() {
            let Ok(line) = line else { break };
            if sender.send((Instant::now(), line)).is_err() {
                break;
            }
        }
    });
    receiver
}

/// `flowclass classify -i` on the server's end of the link, table format.
struct Classify {
    child: Child,
    rows: Receiver<Line>,
    stderr: Receiver<Line>,
    /// Every line read from standard output so far.
    seen: Vec<String>,
}

/// One row of the table: its destination port, label and packet count.
#[derive(Debug)]
struct Row {
    destination: String,
    packets: u64,
    label: String,
}

impl Row {
    fn parse(line: &str, interface: &str) -> Option<Row> {
        let fields: Vec<&str> = line.split_whitespace().collect();
        // capture proto source destination start packets bytes label conf
        if fields.len() != 9 || fields[0] != interface {
            return None;
        }
        Some(Row {
            destination: fields[3].to_string(),
            packets: fields[5].parse().ok()?,
            label: fields[7].to_string(),
        })
    }
}

impl Classify {
    fn start(link: &Link, args: &[&str]) -> Classify {
        let program = env!("CARGO_BIN_EXE_flowclass");
        let mut child = link
            .command(
                &link.server,
                program,
                &[
                    &["classify", "-i", &link.server_if, "--format", "table"],
                    args,
                ]
                .concat(),
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("flowclass runs");
        let rows = lines(child.stdout.take().unwrap());
        let stderr = lines(child.stderr.take().unwrap());
        // Warnings (the model's timeouts, say) may come first.
        while !stderr
            .recv_timeout(PATIENCE)
            .expect("flowclass says it is capturing")
            .1
            .contains("capturing on")
        {}
        Classify {
            child,
            rows,
            stderr,
            seen: Vec::new(),
        }
    }

    /// Waits for the row of a flow to `destination`; returns when it came, and the row.
    fn row_to(&mut self, destination: &str, interface: &str) -> (Instant, Row) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (at, line) = self
                .rows
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no row for {destination}; got {:?}", self.seen));
            self.seen.push(line.clone());
            if let Some(row) = Row::parse(&line, interface) {
                if row.destination == destination {
                    return (at, row);
                }
            }
        }
    }

    /// Ends flowclass with `signal_name` and reads the rest of its output.
    fn stop(mut self, signal_name: &str) -> Stopped {
        signal(&self.child, signal_name);
        let status = self.child.wait().expect("flowclass ends");
        let after: Vec<String> = self.rows.iter().map(|(_, line)| line).collect();
        let stderr: Vec<String> = self.stderr.iter().map(|(_, line)| line).collect();
        self.seen.extend(after.iter().cloned());
        Stopped {
            status,
            all: self.seen,
            after,
            stderr: stderr.join("\n"),
        }
    }
}

/// What flowclass printed, once stopped.
struct Stopped {
    status: std::process::ExitStatus,
    /// Every line of standard output.
    all: Vec<String>,
    /// The lines printed after the signal.
    after: Vec<String>,
    stderr: String,
}

impl Stopped {
    fn rows<'a>(lines: &'a [String], interface: &'a str) -> impl Iterator<Item = Row> + 'a {
        lines
            .iter()
            .filter_map(move |line| Row::parse(line, interface))
    }
}

/// The lab's chat client in the client namespace: one user, sessions of `session` seconds for
/// `duration` seconds, half a second of thought between them.
fn chat_client(link: &Link, url: &str, duration: u32, session: u32, seed: u32) -> Command {
    let (duration, session, seed) = (duration.to_string(), session.to_string(), seed.to_string());
    link.command(
        &link.client,
        PYTHON,
        &[
            "datasets/lab/apps/ws_client.py",
            "--url",
            url,
            "--mode",
            "chat",
            "--clients",
            "1",
            "--stagger",
            "0",
            "--duration",
            &duration,
            "--session-min",
            &session,
            "--session-max",
            &session,
            "--think-min",
            "0.5",
            "--think-max",
            "0.5",
            "--seed",
            &seed,
        ],
    )
}

/// How long after `end` the row came (nothing when it came first).
fn latency(end: Instant, row_at: Instant) -> Duration {
    row_at.saturating_duration_since(end)
}

/// Runs `client` to its end; when it ended.
fn run_client(mut command: Command) -> Instant {
    let status = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the client runs");
    assert!(status.success(), "the client failed: {status}");
    Instant::now()
}

#[test]
#[ignore = "needs root and --features live; .ci/run runs it"]
fn live_flows_are_printed_within_two_seconds_of_their_end_and_ctrl_c_prints_the_open_ones() {
    let link = Link::new();
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("page.html"), "<p>hello</p>\n".repeat(2000)).unwrap();
    let _http = link.serve_http(site.path());
    let _ws = link.serve_chat();
    let mut classify = Classify::start(&link, &[]);
    let interface = link.server_if.clone();
    let http_to = format!("{SERVER_IP}:{HTTP_PORT}");
    let ws_to = format!("{SERVER_IP}:{WS_PORT}");

    // curl: Python's server closes the connection after its answer, curl exits then.
    let mut measured = Vec::new();
    for page in ["page.html", ""] {
        let url = format!("http://{http_to}/{page}");
        let end =
            run_client(link.command(&link.client, "curl", &["-sSf", "-o", "/dev/null", &url]));
        let (at, row) = classify.row_to(&http_to, &interface);
        measured.push(("curl", latency(end, at), row));
    }

    // The lab's chat: one user, one session of 4 s, closed cleanly; the client logs the session
    // once the connection is closed, and only then thinks and exits.
    let ws_url = format!("ws://{ws_to}/ws");
    let mut chat = chat_client(&link, &ws_url, 5, 4, 3)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the chat client runs");
    let chat_log = lines(chat.stderr.take().unwrap());
    let closed = chat_log
        .iter()
        .find(|(_, line)| line.contains("session chat"))
        .map(|(at, _)| at)
        .expect("the chat session ends");
    assert!(chat.wait().unwrap().success());
    let (at, row) = classify.row_to(&ws_to, &interface);
    measured.push(("chat", latency(closed, at), row));

    // A chat session still open when flowclass is interrupted.
    let _open_chat = Background::start(
        chat_client(&link, &ws_url, 120, 100, 4)
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    );
    std::thread::sleep(Duration::from_secs(3));
    let stopped = classify.stop("INT");

    for (client, latency, row) in &measured {
        eprintln!(
            "live: {client} flow to {} ({} packets, {}) printed {:.3} s after it closed",
            row.destination,
            row.packets,
            row.label,
            latency.as_secs_f64()
        );
    }
    let stderr = &stopped.stderr;
    assert!(
        stopped.status.success(),
        "Ctrl-C is a clean end: {}; {stderr}",
        stopped.status
    );
    for (client, latency, row) in &measured {
        assert!(
            *latency <= ON_TIME,
            "the {client} flow came {latency:?} after its end"
        );
        let expected = if *client == "curl" {
            "http"
        } else {
            "websocket"
        };
        assert_eq!(row.label, expected, "{client}: {row:?}");
    }
    let after_signal = &stopped.after;
    let open: Vec<Row> = Stopped::rows(after_signal, &interface).collect();
    assert!(
        open.len() == 1 && open[0].destination == ws_to && open[0].packets > 3,
        "the open chat flow is printed at Ctrl-C: {after_signal:?}"
    );
    // Each flow once: the two curls and the two chats.
    let all_rows: Vec<Row> = Stopped::rows(&stopped.all, &interface).collect();
    assert_eq!(all_rows.len(), 4, "{all_rows:?}");
    let summary = after_signal
        .iter()
        .position(|line| line.starts_with("label") && line.contains("bytes %"))
        .expect("the summary follows the rows");
    let summed: u64 = after_signal[summary + 1..]
        .iter()
        .filter_map(|line| line.split_whitespace().nth(1)?.parse::<u64>().ok())
        .sum();
    assert_eq!(summed, 4, "the summary counts every flow: {after_signal:?}");
    assert!(
        stderr.contains("1 captures") && stderr.contains("in 4 flows"),
        "{stderr}"
    );
}

#[test]
#[ignore = "needs root and --features live; .ci/run runs it"]
fn a_filter_that_excludes_the_traffic_gives_no_rows() {
    let link = Link::new();
    let site = tempfile::tempdir().unwrap();
    let _http = link.serve_http(site.path());
    let classify = Classify::start(&link, &["--filter", "udp or tcp port 9"]);
    let url = format!("http://{SERVER_IP}:{HTTP_PORT}/");
    run_client(link.command(&link.client, "curl", &["-sSf", "-o", "/dev/null", &url]));
    // Past the time its row would have taken without the filter.
    std::thread::sleep(ON_TIME);
    let stopped = classify.stop("TERM");
    assert!(stopped.status.success(), "{}", stopped.stderr);
    let rows: Vec<Row> = Stopped::rows(&stopped.all, &link.server_if).collect();
    assert!(rows.is_empty(), "{rows:?}");
    assert!(
        stopped.stderr.contains(" 0 packets in 0 flows"),
        "the filter runs in the capture, before flowclass: {}",
        stopped.stderr
    );
}

#[test]
#[ignore = "needs root and --features live; .ci/run runs it"]
fn an_idle_flow_ends_on_the_wall_clock_with_no_packet_after_it() {
    let link = Link::new();
    let idle = Duration::from_secs(1);
    let udp_port = UDP_PORT.to_string();
    // One question, one answer, then silence: the flow ends when its idle timeout runs out.
    let _echo = link.serve(
        UDP_PORT,
        PYTHON,
        &[
            "-c",
            "import socket,sys\n\
                 s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n\
                 s.bind((sys.argv[1],int(sys.argv[2])))\n\
                 while True:\n    data,peer=s.recvfrom(2048)\n    s.sendto(data[::-1],peer)\n",
            SERVER_IP,
            &udp_port,
        ],
    );
    let mut classify = Classify::start(&link, &["--idle-timeout", &idle.as_secs_f64().to_string()]);
    let started = Instant::now();
    let answered = run_client(link.command(
        &link.client,
        PYTHON,
        &[
            "-c",
            "import socket,sys\n\
             s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n\
             s.settimeout(10)\n\
             s.sendto(b'ping '*20,(sys.argv[1],int(sys.argv[2])))\n\
             s.recvfrom(2048)\n",
            SERVER_IP,
            &udp_port,
        ],
    ));
    let (at, row) = classify.row_to(&format!("{SERVER_IP}:{UDP_PORT}"), &link.server_if);
    let after = latency(answered, at);
    eprintln!(
        "live: udp flow ({} packets) printed {:.3} s after its client exited, idle timeout {:.1} s",
        row.packets,
        after.as_secs_f64(),
        idle.as_secs_f64()
    );
    assert_eq!(row.packets, 2, "{row:?}");
    // Its last packet came after the client started.
    let since_start = latency(started, at);
    assert!(
        since_start > idle,
        "ended {since_start:?} after its client started, before its idle timeout"
    );
    assert!(
        after <= idle + ON_TIME,
        "ended {after:?} after its last packet, not within {ON_TIME:?} of its idle timeout"
    );
    assert!(classify.stop("INT").status.success());
}

#[test]
fn without_live_capture_built_in_i_says_how_to_get_it() {
    let output = crate::support::run(&["classify", "-i", "flowclass-none0"], None);
    let stderr = crate::support::stderr(&output);
    assert!(!output.status.success(), "{stderr}");
    if cfg!(feature = "live") {
        assert!(
            stderr.contains("cannot capture on flowclass-none0"),
            "{stderr}"
        );
    } else {
        assert!(
            stderr.contains("cargo install --path . --features live")
                && stderr.contains("libpcap-dev"),
            "{stderr}"
        );
    }
    let output = crate::support::run(&["extract", "--filter", "tcp", "x.pcap"], None);
    assert_eq!(output.status.code(), Some(2), "--filter needs -i");
}

#[test]
#[ignore = "needs root and --features live; .ci/run runs it"]
fn label_early_prints_a_live_flow_while_it_is_still_open() {
    let link = Link::new();
    let _ws = link.serve_chat();
    let mut classify = Classify::start(&link, &["--model", "models/early.json", "--label-early"]);
    let ws_to = format!("{SERVER_IP}:{WS_PORT}");
    let mut chat = chat_client(&link, &format!("ws://{ws_to}/ws"), 60, 50, 5)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the chat client runs");
    let (_, row) = classify.row_to(&ws_to, &link.server_if);
    let still_open = chat.try_wait().unwrap().is_none();
    let _ = chat.kill();
    let _ = chat.wait();
    eprintln!(
        "live: --label-early: chat flow printed open after {} packets, {}",
        row.packets, row.label
    );
    assert!(still_open, "the chat session ended before its row came");
    assert!(classify.stop("INT").status.success());
}

//! `syllabus serve`, save to served: the time from writing a guide until
//! an HTTP request for its page returns the new text.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::corpus::{page_path, GuideFile};
use crate::fail;
use crate::run::{check_stop, RUNNING, STOPPING};

/// How long to wait for the first build, and then for each edit to show.
const FIRST_BUILD: Duration = Duration::from_secs(600);
const EDIT_SHOWN: Duration = Duration::from_secs(120);
/// Between requests while waiting for an edit, at least; longer when one
/// request takes longer (a big page), so polling never takes most of the
/// machine from the rebuild it waits for.
const POLL: Duration = Duration::from_millis(2);
/// Before each edit, so stray events of the last one have been handled.
const SETTLE: Duration = Duration::from_millis(300);

/// A running `syllabus serve`, stopped when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        RUNNING.store(0, Ordering::SeqCst);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts serve on a free port, with its cache in `cache` and its stderr
/// in `log`, and waits until it serves the first build.
fn start(bin: &Path, site: &Path, cache: &Path, log: &Path) -> Result<Server, String> {
    let child = Command::new(bin)
        .args(["serve", "--port", "0", "--root"])
        .arg(site)
        .arg("--cache-dir")
        .arg(cache)
        .stdout(Stdio::piped())
        .stderr(File::create(log).expect("create the serve log"))
        .spawn()
        .map_err(|e| format!("cannot start serve: {e}"))?;
    RUNNING.store(child.id() as i32, Ordering::SeqCst);
    let mut server = Server {
        child,
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
    };
    let stdout = server.child.stdout.take().expect("piped stdout");
    server.addr = served_at(stdout).ok_or("serve did not start")?;
    Ok(server)
}

/// The address from serve's "Serving <site> at http://<addr>/" line,
/// printed once the first build is served. The rest of stdout is read on
/// so serve never writes to a closed pipe.
fn served_at(stdout: ChildStdout) -> Option<SocketAddr> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some((_, url)) = line.split_once(" at http://") {
                let _ = tx.send(url.split('/').next().unwrap_or("").parse().ok());
            }
        }
    });
    rx.recv_timeout(FIRST_BUILD).ok().flatten()
}

/// A GET with a bare HTTP/1.1 client: the status and the whole response.
fn get(addr: SocketAddr, path: &str) -> std::io::Result<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let status = response
        .split(|&b| b == b' ')
        .nth(1)
        .and_then(|s| std::str::from_utf8(s).ok()?.parse().ok())
        .unwrap_or(0);
    Ok((status, response))
}

fn shows(addr: SocketAddr, path: &str, marker: &str) -> bool {
    let Ok((200, response)) = get(addr, path) else {
        return false;
    };
    response
        .windows(marker.len())
        .any(|w| w == marker.as_bytes())
}

/// Serves `site`, then `edits` times saves the guide at `rel` with a new
/// marker and times until its page shows it. Returns each edit's time.
/// Serve is stopped before this returns, also on an error.
pub fn latency(
    bin: &Path,
    site: &Path,
    rel: &str,
    dirs: (&Path, &Path),
    edits: usize,
) -> Vec<Duration> {
    let (cache, log) = dirs;
    let times =
        start(bin, site, cache, log).and_then(|server| edit_times(&server, site, rel, edits));
    times.unwrap_or_else(|e| {
        check_stop(); // a signal ends serve too: say that, not its symptom
        fail(&format!("{e}; see {}", log.display()))
    })
}

fn edit_times(
    server: &Server,
    site: &Path,
    rel: &str,
    edits: usize,
) -> Result<Vec<Duration>, String> {
    let path = page_path(rel);
    let asked = Instant::now();
    match get(server.addr, &path) {
        Ok((200, _)) => {}
        other => {
            let status = other.map(|r| r.0);
            return Err(format!("serve answers {path} with {status:?}, not 200"));
        }
    }
    let poll = POLL.max(asked.elapsed());
    let guide = GuideFile::open(site, rel);
    (1..=edits)
        .map(|k| {
            thread::sleep(SETTLE);
            let marker = format!("serve edit {k} of run {}", std::process::id());
            let start = Instant::now();
            guide.save_with(&marker);
            while !shows(server.addr, &path, &marker) {
                if STOPPING.load(Ordering::SeqCst) {
                    return Err("stopped by a signal".into());
                }
                if start.elapsed() > EDIT_SHOWN {
                    return Err(format!("edit {k} was not served after {EDIT_SHOWN:?}"));
                }
                thread::sleep(poll);
            }
            Ok(start.elapsed())
        })
        .collect()
}

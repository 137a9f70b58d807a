//! One timed build of one tool: wall time, CPU time and peak memory of the
//! child process alone.

use std::fs;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::{Duration, Instant};

use crate::corpus::Kind;
use crate::fail;

/// A tool and the copy of the corpus in its input form.
pub struct Tool {
    pub kind: Kind,
    pub bin: PathBuf,
    pub site: PathBuf,
}

impl Tool {
    pub fn name(&self) -> &'static str {
        self.kind.name()
    }

    /// A build of the corpus into `out`; syllabus keeps its cache in
    /// `cache` (the peers keep none between builds).
    pub fn build(&self, out: &Path, cache: &Path) -> Command {
        let mut c = Command::new(&self.bin);
        match self.kind {
            Kind::Syllabus => {
                c.args(["build", "-q", "--root"]).arg(&self.site);
                c.arg("--output").arg(out).arg("--cache-dir").arg(cache);
            }
            Kind::Zola => {
                c.arg("--root")
                    .arg(&self.site)
                    .args(["build", "-o"])
                    .arg(out);
                if out.exists() {
                    c.arg("--force"); // otherwise Zola refuses to replace it
                }
            }
            Kind::Hugo => {
                c.args(["--quiet", "--source"]).arg(&self.site);
                c.arg("--destination").arg(out);
            }
        }
        c
    }
}

/// What one build cost.
#[derive(Clone, Copy)]
pub struct Run {
    pub wall: Duration,
    /// User plus system time: it moves less than wall time when other
    /// work shares the machine.
    pub cpu: Duration,
    pub rss_mb: f64,
}

/// Runs `cmd` to the end; stops the benchmark if it fails, showing the
/// start of `log`, where its stderr goes. The child is reaped with wait4
/// so the peak RSS is its own: getrusage(RUSAGE_CHILDREN) is a high-water
/// mark over every child reaped so far, so a small site measured after a
/// big one would inherit the big one's peak. A child's peak also reads at
/// least the memory of the process it was forked from, so this one stays
/// small (it never holds the big page, for one).
#[allow(clippy::zombie_processes)] // reaped by wait4, not Child::wait
pub fn run(cmd: &mut Command, log: &Path) -> Run {
    check_stop();
    let stderr = fs::File::create(log).expect("create the build log");
    // Spawning shares this process's memory until exec (vfork), and the
    // child's peak then starts at this process's *peak*; a plain fork
    // starts it at its current size, a few MB.
    unsafe { cmd.pre_exec(|| Ok(())) };
    let start = Instant::now();
    let child = cmd
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .unwrap_or_else(|e| fail(&format!("cannot run {cmd:?}: {e}")));
    RUNNING.store(child.id() as i32, Ordering::SeqCst);
    let (mut status, mut ru) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut ru) };
    let wall = start.elapsed();
    RUNNING.store(0, Ordering::SeqCst);
    check_stop();
    if pid < 0 || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        let err = fs::read_to_string(log).unwrap_or_default();
        let head: Vec<&str> = err.lines().take(40).collect();
        fail(&format!("build failed: {cmd:?}\n{}", head.join("\n")));
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Run {
        wall,
        cpu: tv(ru.ru_utime) + tv(ru.ru_stime),
        rss_mb: ru.ru_maxrss as f64 / 1024.0,
    }
}

/// The build or server running now, if any: see `stop_running`.
pub static RUNNING: AtomicI32 = AtomicI32::new(0);

/// Set on Ctrl+C or SIGTERM: the main thread stops at the next build.
pub static STOPPING: AtomicBool = AtomicBool::new(false);

/// Asks the benchmark to stop: kills the build or server running now,
/// after which the main thread cleans up (see `check_stop`).
pub fn request_stop() {
    STOPPING.store(true, Ordering::SeqCst);
    stop_running();
}

pub fn check_stop() {
    if STOPPING.load(Ordering::SeqCst) {
        fail("stopped by a signal");
    }
}

/// Kills the build or server running now.
pub fn stop_running() {
    let pid = RUNNING.swap(0, Ordering::SeqCst);
    if pid > 0 {
        unsafe { libc::kill(pid, libc::SIGKILL) };
    }
}

/// Bytes free for unprivileged users on the file system holding `dir`.
pub fn free_bytes(dir: &Path) -> u64 {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).expect("a path without NUL");
    let mut st = unsafe { std::mem::zeroed::<libc::statvfs>() };
    if unsafe { libc::statvfs(path.as_ptr(), &mut st) } != 0 {
        return u64::MAX; // unknown: don't delete anything on a guess
    }
    st.f_bavail as u64 * st.f_frsize as u64
}

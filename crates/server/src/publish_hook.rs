//! Keeping a static snapshot fresh: `--snapshot-dir DIR` and `--on-publish CMD`.
//!
//! After each accepted publish or withdrawal the server writes the open-data snapshot (the same
//! as `snapshot DIR`) and then runs CMD with DIR as its first argument (and in
//! `BLOMLADA_SNAPSHOT_DIR`), e.g. to sync it to a CDN or an object store. All of it happens in a
//! background task: a publish is acknowledged as soon as it is stored and never waits for this.
//! Runs are debounced and never overlap: changes that arrive while a run waits or runs are
//! taken by the next run, so a burst of publishes costs one or two runs, not one each.

use std::os::fd::AsFd;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::db::Db;
use crate::metrics::Metrics;
use crate::public_url::SharedPublicUrl;
use crate::results_changed::ResultsChanged;
use crate::sets::Sets;

#[derive(Debug, Clone)]
pub struct HookConfig {
    pub snapshot_dir: PathBuf,
    /// Run through `sh -c` with the snapshot directory as `$1`.
    pub command: Option<String>,
    /// How long to wait after a change for more changes before writing.
    pub debounce: Duration,
    /// For the snapshot's absolute links (known once the server listens).
    pub public_url: SharedPublicUrl,
}

/// Starts the background task (on the current tokio runtime) and asks for a first run, so the
/// snapshot exists from the start. The returned signal is what publishes bump.
pub fn start(config: HookConfig, db: Db, sets: Arc<Sets>, metrics: Arc<Metrics>) -> Arc<ResultsChanged> {
    let signal = Arc::new(ResultsChanged::default());
    signal.changed();
    tokio::spawn(run(signal.clone(), config, db, sets, metrics));
    signal
}

async fn run(signal: Arc<ResultsChanged>, config: HookConfig, db: Db, sets: Arc<Sets>, metrics: Arc<Metrics>) {
    let mut done = 0u64;
    loop {
        signal.notified().await;
        if signal.count() == done {
            continue; // A wake-up for changes an earlier run already took.
        }
        tokio::time::sleep(config.debounce).await;
        done = signal.count();
        let (config, db, sets) = (config.clone(), db.clone(), sets.clone());
        let ok = tokio::task::spawn_blocking(move || run_once(&config, &db, &sets)).await.unwrap_or(false);
        metrics.hook_ran(ok);
        if signal.count() != done {
            signal.wake_again();
        }
    }
}

/// Writes the snapshot, then runs the command; false when either failed (logged).
fn run_once(config: &HookConfig, db: &Db, sets: &Sets) -> bool {
    let started = Instant::now();
    let dir = &config.snapshot_dir;
    match crate::snapshot::snapshot(db, sets, &config.public_url.get(), dir) {
        Ok(report) => {
            tracing::info!(dir = %dir.display(), files = report.files, results = report.results, ms = started.elapsed().as_millis() as u64, "snapshot written")
        }
        Err(error) => {
            tracing::error!(dir = %dir.display(), %error, "snapshot failed");
            return false;
        }
    }
    let Some(command) = &config.command else { return true };
    let started = Instant::now();
    // The command's output goes to the server's stderr (the journal), never its stdout.
    let stderr = || std::io::stderr().as_fd().try_clone_to_owned().map(Stdio::from).unwrap_or_else(|_| Stdio::null());
    let status = Command::new("sh")
        .arg("-c")
        .arg(command)
        .arg("blomlada-on-publish")
        .arg(dir)
        .env("BLOMLADA_SNAPSHOT_DIR", dir)
        .stdin(Stdio::null())
        .stdout(stderr())
        .stderr(stderr())
        .status();
    let ms = started.elapsed().as_millis() as u64;
    match status {
        Ok(s) if s.success() => {
            tracing::info!(ms, "on-publish command done");
            true
        }
        Ok(s) => {
            tracing::error!(ms, status = %s, "on-publish command failed");
            false
        }
        Err(error) => {
            tracing::error!(%error, "on-publish command could not be started");
            false
        }
    }
}

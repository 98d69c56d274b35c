//! `blomlada-server`: serves the app and the API, and the operator's commands.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use blomlada_domain::kommun;
use blomlada_server::auth;
use blomlada_server::backup;
use blomlada_server::client_addr::{self, ProxyHeader, TrustedProxies};
use blomlada_server::db::{self, Db};
use blomlada_server::db_lock::DatabaseLock;
use blomlada_server::metrics::{Metrics, MetricsAddr};
use blomlada_server::ops::Ops;
use blomlada_server::public_url::{PublicUrl, SharedPublicUrl};
use blomlada_server::publish_hook::{self, HookConfig};
use blomlada_server::sets::Sets;
use blomlada_server::share_live::limits::{ShareConfig, DEFAULT_EXPIRY_DAYS};
use blomlada_server::share_live::state::Shares;
use blomlada_server::shares;
use blomlada_server::snapshot::{self, ExportFormat};
use blomlada_server::state::AppState;
use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "blomlada-server", version, about = "Blomlådan: serves the app and the publishing API, and the operator's commands")]
struct Cli {
    /// The SQLite database (created with its directory if missing).
    #[arg(long, global = true, default_value = "data/blomlada.sqlite")]
    db: PathBuf,
    /// The indicator sets (index.json and the set files), used to validate results.
    #[arg(long, global = true, default_value = "indicators")]
    indicators: PathBuf,
    /// Log format on stderr (`RUST_LOG` sets the level).
    #[arg(long, global = true, value_enum, default_value = "text")]
    log_format: LogFormat,
    #[command(flatten)]
    serve: ServeArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Args, Clone)]
struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the address is printed on stdout).
    #[arg(long, global = true, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Where readers reach the server, e.g. https://blomlada.example.se: the public pages'
    /// canonical links and the embed snippet are absolute on it (default: http:// and --addr).
    #[arg(long, global = true, value_name = "URL", value_parser = PublicUrl::parse)]
    public_url: Option<PublicUrl>,
    /// The built app: the directory `make build` writes (dist/).
    #[arg(long, global = true, default_value = "dist")]
    dist: PathBuf,
    /// Where to serve Prometheus metrics (GET /metrics, and /healthz): an address, or `off`.
    /// Default 127.0.0.1:9464 (loopback only; if that port is taken the server runs without
    /// metrics and says so).
    #[arg(long, global = true, value_name = "ADDR|off")]
    metrics_addr: Option<String>,
    /// A reverse proxy whose X-Forwarded-For (or Forwarded) header is believed: an address or
    /// CIDR range. Repeat for several. The rate limit on failed tokens then keys on the client
    /// the proxy names.
    #[arg(long = "trusted-proxy", global = true, value_name = "CIDR", value_parser = client_addr::parse_cidr)]
    trusted_proxies: Vec<ipnet::IpNet>,
    /// Which header the trusted proxies set.
    #[arg(long, global = true, value_enum, default_value = "x-forwarded-for")]
    proxy_header: ProxyHeader,
    /// Keep a static open-data snapshot (as `snapshot DIR` writes it) in DIR, rewritten in the
    /// background after each accepted publish or withdrawal (and once at start).
    #[arg(long, global = true, value_name = "DIR")]
    snapshot_dir: Option<PathBuf>,
    /// After each snapshot, run CMD (with `sh -c`; the snapshot directory is `$1` and
    /// `$BLOMLADA_SNAPSHOT_DIR`), e.g. to copy it to a CDN. Never holds up a publish.
    #[arg(long, global = true, value_name = "CMD", requires = "snapshot_dir")]
    on_publish: Option<String>,
    /// Wait this long after a change for more before writing the snapshot.
    #[arg(long, global = true, value_name = "MS", default_value_t = 2000)]
    snapshot_debounce_ms: u64,
    /// Delete shared assessments that no one has changed or opened for this many days (their
    /// encrypted changes and snapshot; backups made earlier still hold them).
    #[arg(long, global = true, value_name = "DAYS", default_value_t = DEFAULT_EXPIRY_DAYS,
          value_parser = clap::value_parser!(u32).range(1..))]
    share_expiry_days: u32,
    /// The same in seconds, overriding --share-expiry-days (for tests).
    #[arg(long, global = true, hide = true, value_name = "SECONDS")]
    share_expiry_seconds: Option<u64>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the app and the API (what runs without a command).
    Serve,
    /// Manage publishing tokens.
    Token {
        #[command(subcommand)]
        action: TokenAction,
    },
    /// Write all current published results to stdout.
    Export {
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
    },
    /// Write a static open-data copy (list, each kommun's results, statistics) into DIR.
    Snapshot { dir: PathBuf },
    /// Copy the database into FILE, consistently, while the server keeps running.
    Backup { file: PathBuf },
    /// Replace the database with the backup FILE (refused while a server runs; the replaced
    /// database is kept beside it).
    Restore { file: PathBuf },
}

#[derive(Subcommand)]
enum TokenAction {
    /// Issue a new token for a kommun; prints only the token.
    Issue { kommunkod: String },
    /// Revoke all tokens of a kommun, or one token with --id.
    Revoke {
        #[arg(required_unless_present = "id", conflicts_with = "id")]
        kommunkod: Option<String>,
        #[arg(long)]
        id: Option<i64>,
    },
    /// List tokens (never their secrets).
    List,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let serving = matches!(cli.command, None | Some(Command::Serve));
    init_tracing(if serving { "info" } else { "warn" }, cli.log_format);
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing(default: &str, format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.with_ansi(std::io::stderr().is_terminal()).init(),
        // Fields at the top level of each object; the request span (with its id) as "span".
        LogFormat::Json => builder.json().flatten_event(true).with_span_list(false).init(),
    }
}

fn open_db(cli: &Cli) -> Result<Db, String> {
    Db::open(&cli.db).map_err(|e| e.to_string())
}

fn known_kommun(code: &str) -> Result<&'static kommun::Kommun, String> {
    kommun::by_code(code).ok_or_else(|| format!("unknown kommun code {code:?} (use SCB's four digits, e.g. 1880)"))
}

fn run(cli: Cli) -> Result<(), String> {
    match &cli.command {
        None | Some(Command::Serve) => serve(&cli),
        Some(Command::Token { action }) => token(&cli, action),
        Some(Command::Export { format }) => {
            let sets = Sets::load(&cli.indicators)?;
            let db = open_db(&cli)?;
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            snapshot::export(&db, &sets, *format, &mut out)
        }
        Some(Command::Snapshot { dir }) => {
            let sets = Sets::load(&cli.indicators)?;
            let db = open_db(&cli)?;
            let public_url = cli.serve.public_url.clone().unwrap_or_else(|| PublicUrl::from_addr(cli.serve.addr));
            let report = snapshot::snapshot(&db, &sets, &public_url, dir)?;
            println!("wrote {} files ({} current results) to {}", report.files, report.results, report.dir.display());
            Ok(())
        }
        Some(Command::Backup { file }) => backup_to(&cli, file),
        Some(Command::Restore { file }) => restore_from(&cli, file),
    }
}

/// `serve` (the default): the HTTP server until it is stopped.
fn serve(cli: &Cli) -> Result<(), String> {
    let metrics_addr = MetricsAddr::parse(cli.serve.metrics_addr.as_deref())?;
    let sets = Sets::load(&cli.indicators)?;
    // Held until the server stops: `restore` and a second server are refused meanwhile.
    let _lock = DatabaseLock::acquire(&cli.db).map_err(|e| e.to_string())?;
    let db = open_db(cli)?;
    let mut state = AppState::new(db, sets, cli.serve.dist.clone());
    // With --addr port 0 the default is known once the server listens (web::serve).
    let public_url = SharedPublicUrl::given(cli.serve.public_url.clone());
    // Database work runs on the blocking pool, one connection at a time: a few threads
    // are enough, and tokio's default (up to 512) lets a burst of requests start a
    // thread each, all waiting for the same connection, each with its own memory.
    let runtime = tokio::runtime::Builder::new_multi_thread().max_blocking_threads(8).enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let metrics = Arc::new(Metrics::default());
        let hook = cli.serve.snapshot_dir.as_ref().map(|dir| {
            let config = HookConfig {
                snapshot_dir: dir.clone(),
                command: cli.serve.on_publish.clone(),
                debounce: Duration::from_millis(cli.serve.snapshot_debounce_ms),
                public_url: public_url.clone(),
            };
            publish_hook::start(config, state.db.clone(), state.sets.clone(), metrics.clone())
        });
        state.ops = Arc::new(Ops {
            metrics,
            metrics_addr,
            proxies: TrustedProxies::new(cli.serve.trusted_proxies.clone(), cli.serve.proxy_header),
            hook,
            public_url,
        });
        let expiry = cli.serve.share_expiry_seconds.map(Duration::from_secs);
        let expiry = expiry.unwrap_or(Duration::from_secs(u64::from(cli.serve.share_expiry_days) * 86_400));
        state.shares = Arc::new(Shares::new(ShareConfig::with_expiry(expiry), state.ops.metrics.shares.clone()));
        shares::expiry::start(&state);
        blomlada_server::web::serve(state, cli.serve.addr).await
    })
}

/// `token issue|revoke|list`: the kommuner's publishing tokens.
fn token(cli: &Cli, action: &TokenAction) -> Result<(), String> {
    let db = open_db(cli)?;
    let now = blomlada_server::now();
    match action {
        TokenAction::Issue { kommunkod } => {
            let k = known_kommun(kommunkod)?;
            let token = auth::generate_token()?;
            let id = db.with(|c| db::insert_token(c, &k.code, &auth::hash_token(&token), now)).map_err(|e| e.to_string())?;
            eprintln!("token {id} issued for {} {}; it is shown only now", k.code, k.name);
            println!("{token}");
            Ok(())
        }
        TokenAction::Revoke { kommunkod: Some(code), .. } => {
            let k = known_kommun(code)?;
            let n = db.with(|c| db::revoke_kommun_tokens(c, &k.code, now)).map_err(|e| e.to_string())?;
            println!("revoked {n} token(s) of {} {}", k.code, k.name);
            Ok(())
        }
        TokenAction::Revoke { id: Some(id), .. } => {
            if db.with(|c| db::revoke_token(c, *id, now)).map_err(|e| e.to_string())? {
                println!("revoked token {id}");
                Ok(())
            } else {
                Err(format!("no active token with id {id}"))
            }
        }
        TokenAction::Revoke { .. } => Err("name a kommun code or --id".into()),
        TokenAction::List => {
            let tokens = db.with(|c| db::list_tokens(c)).map_err(|e| e.to_string())?;
            println!("{:>5}  {:<4}  {:<20}  {:<24}  {:<24}  last used", "id", "kod", "kommun", "created", "revoked");
            for t in tokens {
                let name = kommun::by_code(&t.kommun_code).map(|k| k.name.as_str()).unwrap_or("?");
                println!(
                    "{:>5}  {:<4}  {:<20}  {:<24}  {:<24}  {}",
                    t.id,
                    t.kommun_code,
                    name,
                    t.created_at,
                    t.revoked_at.as_deref().unwrap_or("-"),
                    t.last_used_at.as_deref().unwrap_or("-")
                );
            }
            Ok(())
        }
    }
}

fn backup_to(cli: &Cli, file: &std::path::Path) -> Result<(), String> {
    let report = backup::backup(&cli.db, file)?;
    let s = &report.summary;
    println!(
        "backed up {} to {} ({} bytes, schema {}, {} results of which {} current, {} tokens; integrity_check ok)",
        cli.db.display(),
        report.path.display(),
        report.bytes,
        s.schema_version,
        s.results,
        s.current,
        s.tokens
    );
    Ok(())
}

fn restore_from(cli: &Cli, file: &std::path::Path) -> Result<(), String> {
    let report = backup::restore(&cli.db, file)?;
    let s = &report.summary;
    println!(
        "restored {} from {} (schema {}, {} results of which {} current, {} tokens; integrity_check ok)",
        cli.db.display(),
        file.display(),
        s.schema_version,
        s.results,
        s.current,
        s.tokens
    );
    match report.kept {
        Some(kept) => println!("the database it replaced is kept as {}", kept.display()),
        None => println!("there was no database before"),
    }
    Ok(())
}

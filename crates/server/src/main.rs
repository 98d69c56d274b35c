//! `blomlada-server`: serves the app and the API, and the operator's commands.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use blomlada_domain::kommun;
use blomlada_server::api::AppState;
use blomlada_server::auth;
use blomlada_server::backup;
use blomlada_server::db::{self, Db};
use blomlada_server::db_lock::DatabaseLock;
use blomlada_server::sets::Sets;
use blomlada_server::snapshot::{self, ExportFormat};
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
    /// The built app: the directory `trunk build --release` writes.
    #[arg(long, global = true, default_value = "dist")]
    dist: PathBuf,
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
    init_tracing(if serving { "info" } else { "warn" });
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing(default: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(std::io::stderr().is_terminal()).init();
}

fn open_db(cli: &Cli) -> Result<Db, String> {
    Db::open(&cli.db).map_err(|e| e.to_string())
}

fn known_kommun(code: &str) -> Result<&'static kommun::Kommun, String> {
    kommun::by_code(code).ok_or_else(|| format!("unknown kommun code {code:?} (use SCB's four digits, e.g. 1880)"))
}

fn run(cli: Cli) -> Result<(), String> {
    match &cli.command {
        None | Some(Command::Serve) => {
            let sets = Sets::load(&cli.indicators)?;
            // Held until the server stops: `restore` and a second server are refused meanwhile.
            let _lock = DatabaseLock::acquire(&cli.db).map_err(|e| e.to_string())?;
            let db = open_db(&cli)?;
            let state = AppState::new(db, sets, cli.serve.dist.clone());
            let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
            runtime.block_on(blomlada_server::web::serve(state, cli.serve.addr))
        }
        Some(Command::Token { action }) => {
            let db = open_db(&cli)?;
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
            let report = snapshot::snapshot(&db, &sets, dir)?;
            println!("wrote {} files ({} current results) to {}", report.files, report.results, report.dir.display());
            Ok(())
        }
        Some(Command::Backup { file }) => {
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
        Some(Command::Restore { file }) => {
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
    }
}

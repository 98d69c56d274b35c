//! The app's browser tests' runner: cargo runs it for every wasm32 test binary
//! (`.cargo/config.toml`), as it would run `wasm-bindgen-test-runner`. It is that program, from
//! wasm-bindgen-cli's library at the version of the app's wasm-bindgen, so `make test` need not
//! `cargo install wasm-bindgen-cli` (a second compile of the same crates, 3.5 minutes cold).

fn main() -> anyhow::Result<()> {
    wasm_bindgen_cli::wasm_bindgen_test_runner::run_cli_with_args(std::env::args_os())
}

//! Reading a static open-data snapshot from any host, telling apart no answer (offline,
//! wrong host, no CORS) from an HTTP error; the domain reads what came back.

use blomlada_domain::catalog::SetRef;
use blomlada_domain::offline_results::{parse_snapshot_results, SnapshotError};
use blomlada_domain::result_file::ResultFile;

/// The results of `set` in the snapshot at `url` (its `results/{set}/{version}.json`).
pub async fn fetch_results(url: &str, set: &SetRef) -> Result<Vec<ResultFile>, SnapshotError> {
    let unreachable = |e: gloo_net::Error| SnapshotError::Unreachable { url: url.to_string(), detail: e.to_string() };
    let response = gloo_net::http::Request::get(url).send().await.map_err(unreachable)?;
    if !response.ok() {
        return Err(SnapshotError::Status { url: url.to_string(), status: response.status() });
    }
    let text = response.text().await.map_err(unreachable)?;
    parse_snapshot_results(url, &text, set)
}

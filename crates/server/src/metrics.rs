//! Prometheus metrics (`GET /metrics` on the metrics listener, never the public one), through
//! the Prometheus project's own `prometheus-client` crate. Served in the OpenMetrics text format
//! to a scraper that asks for it (Prometheus does, in its Accept header), else in the classic
//! Prometheus text format 0.0.4, which every other reader (promtool, curl, older agents) parses:
//! read as classic text, OpenMetrics' HELP and TYPE lines name a counter without its `_total`
//! and so describe no sample.
//!
//! Counted in the request middleware (`request_log.rs`): requests by method, route (the matched
//! route pattern, never the raw path, so the label set stays small) and status; latency per
//! route; publishes and withdrawals accepted by outcome and refused by reason (the API error
//! kind); failed token checks. Read at each scrape: the database's size on disk and the
//! process's resident memory.

use std::net::SocketAddr;
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::{Registry, Unit};
use tokio::net::TcpListener;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ReasonLabels {
    reason: String,
}

type HistogramFamily = Family<RouteLabels, Histogram, fn() -> Histogram>;

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: HistogramFamily,
    publishes: Family<OutcomeLabels, Counter>,
    refused: Family<ReasonLabels, Counter>,
    token_failures: Family<ReasonLabels, Counter>,
    hook_runs: Family<OutcomeLabels, Counter>,
    db_bytes: Gauge,
    resident_bytes: Gauge,
    /// Shared assessments' counters and open streams (crate::share_live::metrics).
    pub shares: crate::share_live::metrics::ShareMetrics,
}

fn latency_histogram() -> Histogram {
    // 1 ms … 16 s, doubling.
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("blomlada");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register("http_requests", "HTTP requests answered, by method, route and status", requests.clone());
        let latency: HistogramFamily = Family::new_with_constructor(latency_histogram);
        registry.register_with_unit(
            "http_request_duration",
            "Time from request to response headers, by method and route",
            Unit::Seconds,
            latency.clone(),
        );
        let publishes = Family::<OutcomeLabels, Counter>::default();
        registry.register(
            "publishes_accepted",
            "Publishes and withdrawals accepted, by outcome (created, unchanged, withdrawn)",
            publishes.clone(),
        );
        let refused = Family::<ReasonLabels, Counter>::default();
        registry.register("publishes_refused", "Publishes and withdrawals refused, by reason (the API's error kind)", refused.clone());
        let token_failures = Family::<ReasonLabels, Counter>::default();
        registry.register(
            "token_failures",
            "Publishing requests whose token failed: missing, invalid (unknown or revoked), or blocked after repeated failures",
            token_failures.clone(),
        );
        let hook_runs = Family::<OutcomeLabels, Counter>::default();
        registry.register("on_publish_runs", "Snapshot and --on-publish hook runs, by outcome (ok, failed)", hook_runs.clone());
        let db_bytes = Gauge::default();
        registry.register_with_unit(
            "database_size",
            "The database's pages (page_count times page_size, as SQLite counts them)",
            Unit::Bytes,
            db_bytes.clone(),
        );
        let resident_bytes = Gauge::default();
        registry.register_with_unit(
            "process_resident_memory",
            "Resident memory of the server process (VmRSS)",
            Unit::Bytes,
            resident_bytes.clone(),
        );
        let shares = crate::share_live::metrics::ShareMetrics::register(&mut registry);
        Metrics { registry, requests, latency, publishes, refused, token_failures, hook_runs, db_bytes, resident_bytes, shares }
    }
}

/// What the request middleware knows about one answered request.
pub struct Observed<'a> {
    pub method: &'a str,
    pub route: &'a str,
    pub status: u16,
    pub elapsed: Duration,
    /// The API error kind, when the answer was an API error.
    pub error_kind: Option<&'a str>,
    /// Whether the request carried an `Authorization` header (never its value).
    pub had_credentials: bool,
}

pub const PUBLISH_ROUTE: &str = "/api/v1/published";
pub const WITHDRAW_ROUTE: &str = "/api/v1/published/{kommunkod}";

impl Metrics {
    pub fn observe(&self, o: &Observed<'_>) {
        let (method, route) = (o.method.to_string(), o.route.to_string());
        self.requests.get_or_create(&RequestLabels { method: method.clone(), route: route.clone(), status: o.status }).inc();
        self.latency.get_or_create(&RouteLabels { method, route }).observe(o.elapsed.as_secs_f64());
        let publishing = (o.method == "POST" && o.route == PUBLISH_ROUTE) || (o.method == "DELETE" && o.route == WITHDRAW_ROUTE);
        if !publishing {
            return;
        }
        let outcome = match (o.method, o.status) {
            ("POST", 201) => Some("created"),
            ("POST", 200) => Some("unchanged"),
            ("DELETE", 200) => Some("withdrawn"),
            _ => None,
        };
        if let Some(outcome) = outcome {
            self.publishes.get_or_create(&OutcomeLabels { outcome: outcome.into() }).inc();
            return;
        }
        let reason = o.error_kind.map(str::to_string).unwrap_or_else(|| format!("status_{}", o.status));
        let token_failure = match o.error_kind {
            Some("unauthorized") if o.had_credentials => Some("invalid"),
            Some("unauthorized") => Some("missing"),
            Some("too_many_attempts") => Some("blocked"),
            _ => None,
        };
        if let Some(why) = token_failure {
            self.token_failures.get_or_create(&ReasonLabels { reason: why.into() }).inc();
        }
        self.refused.get_or_create(&ReasonLabels { reason }).inc();
    }

    pub fn hook_ran(&self, ok: bool) {
        self.hook_runs.get_or_create(&OutcomeLabels { outcome: if ok { "ok" } else { "failed" }.into() }).inc();
    }

    /// The text a scrape gets, with the gauges read now (`db_bytes` as SQLite counts it).
    pub fn render(&self, db_bytes: i64, format: Format) -> String {
        self.db_bytes.set(db_bytes);
        self.resident_bytes.set(resident_bytes().unwrap_or(0));
        let mut out = String::new();
        match format {
            Format::OpenMetrics => prometheus_client::encoding::text::encode(&mut out, &self.registry),
            Format::PrometheusText => prometheus_client::encoding::prometheus_text::encode(&mut out, &self.registry),
        }
        .expect("writing to a String cannot fail");
        out
    }
}

/// The two text formats a scrape can get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    OpenMetrics,
    PrometheusText,
}

impl Format {
    /// OpenMetrics when the Accept header lists it (without `q=0`), else the classic format.
    pub fn negotiate(accept: Option<&str>) -> Format {
        let wants_openmetrics = accept.unwrap_or_default().split(',').any(|range| {
            let mut parts = range.split(';').map(str::trim);
            let media = parts.next().unwrap_or_default();
            let refused = parts.any(|p| p.strip_prefix("q=").is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q <= 0.0)));
            media.eq_ignore_ascii_case("application/openmetrics-text") && !refused
        });
        if wants_openmetrics {
            Format::OpenMetrics
        } else {
            Format::PrometheusText
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::OpenMetrics => "application/openmetrics-text; version=1.0.0; charset=utf-8",
            Format::PrometheusText => prometheus_client::encoding::prometheus_text::CONTENT_TYPE,
        }
    }
}

/// VmRSS of this process, from /proc (Linux).
fn resident_bytes() -> Option<i64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: i64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Where the metrics listener goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricsAddr {
    /// Not served.
    Off,
    /// The default, 127.0.0.1:9464: if that port is taken (another server on the machine), the
    /// server says so and runs without metrics rather than not at all.
    Default,
    /// Given by the operator: failing to listen there is an error.
    Given(SocketAddr),
}

pub const DEFAULT_METRICS_ADDR: &str = "127.0.0.1:9464";

impl MetricsAddr {
    /// `--metrics-addr`: an address, or `off`.
    pub fn parse(value: Option<&str>) -> Result<MetricsAddr, String> {
        match value.map(str::trim) {
            None => Ok(MetricsAddr::Default),
            Some("off" | "none" | "") => Ok(MetricsAddr::Off),
            Some(text) => text
                .parse()
                .map(MetricsAddr::Given)
                .map_err(|_| format!("--metrics-addr {text:?} is not an address like {DEFAULT_METRICS_ADDR} (or off)")),
        }
    }
}

/// Binds the metrics listener; None when it is off (or the default port is taken).
pub async fn bind(addr: MetricsAddr) -> Result<Option<TcpListener>, String> {
    let target: SocketAddr = match addr {
        MetricsAddr::Off => return Ok(None),
        MetricsAddr::Default => DEFAULT_METRICS_ADDR.parse().expect("valid default"),
        MetricsAddr::Given(a) => a,
    };
    match TcpListener::bind(target).await {
        Ok(l) => Ok(Some(l)),
        Err(e) if addr == MetricsAddr::Default => {
            tracing::warn!(addr = %target, error = %e, "metrics not served: the default metrics address is taken (use --metrics-addr)");
            Ok(None)
        }
        Err(e) => Err(format!("cannot listen for metrics on {target}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_requests_publishes_and_refusals() {
        let m = Metrics::default();
        let o = |method, route, status, kind, had_credentials| Observed {
            method,
            route,
            status,
            elapsed: Duration::from_millis(3),
            error_kind: kind,
            had_credentials,
        };
        m.observe(&o("GET", "/api/v1/published", 200, None, false));
        m.observe(&o("POST", PUBLISH_ROUTE, 201, None, true));
        m.observe(&o("POST", PUBLISH_ROUTE, 422, Some("invalid"), true));
        m.observe(&o("POST", PUBLISH_ROUTE, 401, Some("unauthorized"), true));
        m.observe(&o("POST", PUBLISH_ROUTE, 401, Some("unauthorized"), false));
        m.observe(&o("DELETE", WITHDRAW_ROUTE, 200, None, true));
        let text = m.render(0, Format::OpenMetrics);
        for line in [
            "blomlada_http_requests_total{method=\"GET\",route=\"/api/v1/published\",status=\"200\"} 1",
            "blomlada_publishes_accepted_total{outcome=\"created\"} 1",
            "blomlada_publishes_accepted_total{outcome=\"withdrawn\"} 1",
            "blomlada_publishes_refused_total{reason=\"invalid\"} 1",
            "blomlada_publishes_refused_total{reason=\"unauthorized\"} 2",
            "blomlada_token_failures_total{reason=\"invalid\"} 1",
            "blomlada_token_failures_total{reason=\"missing\"} 1",
            "blomlada_http_request_duration_seconds_bucket{le=\"0.004\",method=\"POST\",route=\"/api/v1/published\"} 4",
            "blomlada_database_size_bytes 0",
        ] {
            assert!(text.contains(line), "missing {line:?} in\n{text}");
        }
        assert!(text.ends_with("# EOF\n"));
        let classic = m.render(0, Format::PrometheusText);
        for line in [
            "# HELP blomlada_http_requests_total HTTP requests answered, by method, route and status.",
            "# TYPE blomlada_http_requests_total counter",
            "blomlada_publishes_accepted_total{outcome=\"created\"} 1",
        ] {
            assert!(classic.contains(line), "missing {line:?} in\n{classic}");
        }
        assert!(!classic.contains("# EOF"));
    }

    #[test]
    fn openmetrics_only_for_scrapers_that_ask() {
        // Prometheus 2.x's scrape Accept header.
        let prometheus = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
        assert_eq!(Format::negotiate(Some(prometheus)), Format::OpenMetrics);
        assert_eq!(Format::negotiate(None), Format::PrometheusText);
        assert_eq!(Format::negotiate(Some("*/*")), Format::PrometheusText);
        assert_eq!(Format::negotiate(Some("text/plain;version=0.0.4")), Format::PrometheusText);
        assert_eq!(Format::negotiate(Some("application/openmetrics-text;q=0, text/plain")), Format::PrometheusText);
    }

    #[test]
    fn metrics_addresses() {
        assert_eq!(MetricsAddr::parse(None).unwrap(), MetricsAddr::Default);
        assert_eq!(MetricsAddr::parse(Some("off")).unwrap(), MetricsAddr::Off);
        assert_eq!(MetricsAddr::parse(Some("127.0.0.1:0")).unwrap(), MetricsAddr::Given("127.0.0.1:0".parse().unwrap()));
        assert!(MetricsAddr::parse(Some("localhost")).unwrap_err().contains("not an address"));
    }
}

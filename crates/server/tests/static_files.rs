//! The built app's files as the browser gets them: the brotli or gzip copy the build wrote
//! beside a file, chosen by Accept-Encoding, with Content-Encoding and Vary, and the cache
//! headers that let hashed names live for a year while index.html is asked for every time.

mod common;

use common::*;

const WASM: &str = "/blomlada-0123456789abcdef_bg.wasm";

/// A dist/ with a module, its two precompressed copies (the server does not look inside them),
/// an indicator file with a brotli copy and one without any.
fn dist_with_precompressed_files(fx: &Fixture) {
    let dist = fx.dist();
    std::fs::create_dir_all(dist.join("indicators/test")).unwrap();
    std::fs::write(dist.join("index.html"), "<!DOCTYPE html><title>Blomlådan</title>").unwrap();
    std::fs::write(dist.join(&WASM[1..]), b"\0asm\x01\0\0\0 plain").unwrap();
    std::fs::write(dist.join(format!("{}.br", &WASM[1..])), b"brotli copy").unwrap();
    std::fs::write(dist.join(format!("{}.gz", &WASM[1..])), b"gzip copy").unwrap();
    std::fs::write(dist.join("indicators/index.json"), "{\"plain\": true}").unwrap();
    std::fs::write(dist.join("indicators/index.json.br"), b"brotli index").unwrap();
    std::fs::write(dist.join("indicators/test/1.json"), SET_TEST_1).unwrap();
}

fn vary_names_accept_encoding(r: &Resp) -> bool {
    r.headers.iter().any(|(n, v)| n.eq_ignore_ascii_case("vary") && v.to_ascii_lowercase().contains("accept-encoding"))
}

#[test]
fn precompressed_copies_are_sent_by_accept_encoding() {
    let fx = Fixture::new();
    dist_with_precompressed_files(&fx);
    let server = fx.start();

    let br = server.request("GET", WASM, &[("Accept-Encoding", "gzip, deflate, br")], None);
    assert_eq!(br.status, 200);
    assert_eq!(br.body, b"brotli copy");
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert_eq!(br.header("content-type"), Some("application/wasm"));
    assert_eq!(br.header("cache-control"), Some("public, max-age=31536000, immutable"));
    assert!(vary_names_accept_encoding(&br), "{:?}", br.headers);

    let gz = server.request("GET", WASM, &[("Accept-Encoding", "gzip")], None);
    assert_eq!(gz.body, b"gzip copy");
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    assert!(vary_names_accept_encoding(&gz));

    // A client that takes neither gets the file itself, still marked as varying.
    let plain = server.request("GET", WASM, &[("Accept-Encoding", "identity")], None);
    assert_eq!(plain.body, b"\0asm\x01\0\0\0 plain");
    assert_eq!(plain.header("content-encoding"), None);
    assert!(vary_names_accept_encoding(&plain));

    // Indicator files too; one without copies is compressed on the fly or sent as it is.
    let index = server.request("GET", "/indicators/index.json", &[("Accept-Encoding", "br")], None);
    assert_eq!(index.body, b"brotli index");
    assert_eq!(index.header("content-encoding"), Some("br"));
    assert_eq!(index.header("cache-control"), Some("no-cache"));
    let set = server.request("GET", "/indicators/test/1.json", &[("Accept-Encoding", "br")], None);
    assert_eq!(set.status, 200);
    assert_eq!(set.text(), SET_TEST_1);
}

#[test]
fn index_html_is_asked_for_every_time() {
    let fx = Fixture::new();
    dist_with_precompressed_files(&fx);
    let server = fx.start();
    for path in ["/", "/index.html", "/ny"] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("cache-control"), Some("no-cache"), "{path}");
    }
}

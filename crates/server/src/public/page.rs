//! The frame every public page shares (head with title, canonical address and Open Graph
//! tags, header, language switch) and the parts several pages show: the flower box figure
//! with its table of numbers. HTML comes from `maud`, which escapes every interpolated value.

use blomlada_domain::flowerbox::{Layout, Mode, TableSection, PORTRAIT_BELOW};
use blomlada_domain::number_format::integer;
use blomlada_domain::public_texts::public_texts;
use blomlada_domain::share_row::{basis_sentence, ShareRow};
use blomlada_domain::{IndicatorSet, Lang};
use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::links::Links;

/// The app's stylesheet and the public pages' few additions, inlined: one request per page
/// and no render-blocking stylesheet on a phone.
const STYLE: &str = concat!(include_str!("../../../../style/main.css"), include_str!("public.css"));

/// What the head says about a page.
pub struct Head<'a> {
    pub title: String,
    pub description: String,
    /// The served path (`/resultat/1880`), for the canonical address and og:url.
    pub path: &'a str,
    /// The query of this request without `lang` (kept when switching language).
    pub query: &'a str,
    /// A picture for link previews (served path).
    pub image: Option<String>,
}

pub fn page(links: &Links, head: Head<'_>, body: Markup) -> Markup {
    let lang = links.lang();
    let t = public_texts(lang);
    let full_title = format!("{} – {}", head.title, t.app_name);
    let canonical = links.canonical(head.path);
    let other = links.other_language(head.path, head.query);
    let locale = match lang {
        Lang::Sv => "sv_SE",
        Lang::En => "en_GB",
    };
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (full_title) }
                meta name="description" content=(head.description);
                link rel="canonical" href=(canonical);
                link rel="alternate" hreflang="sv" href=(canonical);
                link rel="alternate" hreflang="en" href={ (canonical) "?lang=en" };
                meta property="og:url" content=(canonical);
                meta property="og:type" content="website";
                meta property="og:site_name" content=(t.app_name);
                meta property="og:title" content=(full_title);
                meta property="og:description" content=(head.description);
                meta property="og:locale" content=(locale);
                @if let Some(image) = &head.image {
                    meta property="og:image" content=(image);
                }
                meta name="theme-color" content="#2f6b3a";
                @if links.served() {
                    link rel="icon" href="/icon.svg" type="image/svg+xml";
                }
                style { (PreEscaped(STYLE)) }
            }
            body.public {
                a.skip-link href="#innehall" { (t.skip_to_content) }
                header.site-header {
                    div.brand {
                        a href=(links.app()) { span.brand-name { (t.app_name) } }
                        span.brand-tagline { (t.tagline) }
                    }
                    nav aria-label=(t.nav_label) {
                        a href=(links.listing(links.default_set())) { (t.public_results) }
                        a href=(links.app()) { (t.assess_yours) }
                        @if let Some(other) = &other {
                            a href=(other) lang=(t.language_other_code) hreflang=(t.language_other_code) { (t.language_other) }
                        }
                    }
                }
                main #innehall tabindex="-1" { (body) }
            }
        }
    }
}

/// One picture to show: where it is and its layout (for its size and text alternative).
pub struct Shown<'a> {
    pub url: String,
    pub layout: &'a Layout,
}

/// The flower box as a figure: the landscape picture, and the portrait one for narrow screens
/// when given (the browser fetches only the one it shows), with the text alternative as `alt`
/// and the table of the same numbers under it. The pictures are separate SVG files, cached by
/// the browser, which keeps the page small.
pub fn flower_figure(set: &IndicatorSet, wide: Shown<'_>, narrow: Option<Shown<'_>>, lang: Lang) -> Markup {
    let t = public_texts(lang);
    let size = |l: &Layout| (l.width.round() as u32, l.height.ceil() as u32);
    let (w, h) = size(wide.layout);
    html! {
        figure.flower-figure {
            picture {
                @if let Some(n) = &narrow {
                    @let (nw, nh) = size(n.layout);
                    source media={ "(max-width: " (PORTRAIT_BELOW - 1.0) "px)" } srcset=(n.url) width=(nw) height=(nh);
                }
                img.flower-img src=(wide.url) alt=(wide.layout.alt_text) width=(w) height=(h) decoding="async";
            }
            figcaption { (t.picture_caption) }
        }
        (numbers_table(set, wide.layout, lang))
    }
}

/// The picture's numbers per area and group: counts (one result) or shares (many), with the
/// number of indicators.
pub fn numbers_table(set: &IndicatorSet, layout: &Layout, lang: Lang) -> Markup {
    let t = public_texts(lang);
    let aggregate = matches!(layout.mode, Mode::Aggregate { .. });
    let options: Vec<(usize, String)> = set
        .scale
        .options
        .iter()
        .enumerate()
        .filter(|(i, _)| layout.reported.get(*i).copied().unwrap_or(true))
        .map(|(i, o)| (i, o.label.get(lang).to_string()))
        .collect();
    let cell = |row: &ShareRow, i: Option<usize>| -> String {
        match i {
            Some(i) => row.text(i, !aggregate, lang),
            None => row.rest_text(lang),
        }
    };
    let section_rows = |s: &TableSection| {
        html! {
            tr.area-row {
                th scope="row" { (s.title) }
                @for (i, _) in &options { td.num { (cell(&s.total_shares, Some(*i))) } }
                td.num { (cell(&s.total_shares, None)) }
                td.num { (integer(s.total.indicators.into(), lang)) }
            }
            @for r in &s.rows {
                tr {
                    th.group-row scope="row" { (r.name) }
                    @for (i, _) in &options { td.num { (cell(&r.shares, Some(*i))) } }
                    td.num { (cell(&r.shares, None)) }
                    td.num { (integer(r.tally.indicators.into(), lang)) }
                }
            }
        }
    };
    html! {
        div.table-wrap tabindex="0" role="region" aria-label=(t.numbers_caption) {
            table.summary.numbers {
                caption { (t.numbers_caption) }
                thead { tr {
                    th scope="col" { (t.col_group) }
                    @for (_, label) in &options { th.num scope="col" { (label) } }
                    th.num scope="col" { (layout.unanswered_label) }
                    th.num scope="col" { (t.col_indicators) }
                } }
                tbody { @for s in &layout.table { (section_rows(s)) } }
                tfoot { tr.area-row {
                    th scope="row" { (t.total) }
                    @for (i, _) in &options { td.num { (cell(&layout.total_shares, Some(*i))) } }
                    td.num { (cell(&layout.total_shares, None)) }
                    td.num { (integer(layout.total.indicators.into(), lang)) }
                } }
            }
        }
        p.basis { (basis_sentence(layout.total_shares.basis, aggregate, lang)) }
    }
}

/// An evidence link from a publisher: only `http(s)`, normalised, shown by its host alone (the
/// domain's rule: a reader sees where it goes), never followed by crawlers, never given the
/// opener; written as an `href` RFC 3986 accepts (see [`href`]).
pub fn evidence(link: Option<&str>, label: &str) -> Markup {
    let public = blomlada_domain::public_results::public_link(link);
    let parsed = public.as_deref().and_then(|url| Some((url::Url::parse(url).ok()?, blomlada_domain::web_link::link_host(url)?)));
    match parsed {
        Some((url, host)) => html! { a href=(href(&url)) rel="nofollow noopener noreferrer" { (label) ": " (host) } },
        None => html! {},
    }
}

/// A parsed URL as an `href` the W3C checker accepts: the `url` crate's serialisation (as the
/// domain normalises links; WHATWG: `<`, `>`, `"`, spaces and non-ASCII percent-encoded) with
/// the few characters WHATWG leaves but RFC 3986 forbids after the host (`|`, `^`, `` ` ``, `{`, `}`, `[`, `]`, `\`, a
/// second `#`) percent-encoded too.
pub fn href(url: &url::Url) -> String {
    let text = url.as_str();
    let (head, rest) = text.split_at(url[..url::Position::BeforePath].len());
    let mut out = String::from(head);
    let mut in_fragment = false;
    for c in rest.chars() {
        match c {
            '#' if !in_fragment => {
                in_fragment = true;
                out.push('#');
            }
            '#' | '|' | '^' | '`' | '{' | '}' | '[' | ']' | '\\' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::href;

    #[test]
    fn hrefs_hold_only_what_rfc_3986_allows_after_the_host() {
        let url = url::Url::parse("https://example.se/a<b>\"c`{d}|e^f?q=<x>&y=[z]|#\"frag\"#2^").unwrap();
        assert_eq!(href(&url), "https://example.se/a%3Cb%3E%22c%60%7Bd%7D%7Ce%5Ef?q=%3Cx%3E&y=%5Bz%5D%7C#%22frag%22%232%5E");
        let plain = url::Url::parse("https://www.orebro.se/styrdokument/1?a=1&b=två#del-1").unwrap();
        assert_eq!(href(&plain), "https://www.orebro.se/styrdokument/1?a=1&b=tv%C3%A5#del-1");
        let ipv6 = url::Url::parse("http://[::1]:8080/x").unwrap();
        assert_eq!(href(&ipv6), "http://[::1]:8080/x");
    }
}

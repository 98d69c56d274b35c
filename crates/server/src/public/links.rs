//! Where the public pages point: absolute paths when the server answers, relative paths to
//! `index.html` files in the static snapshot (so the pages work straight from the disk).
//! Canonical and alternate-language addresses and the embed snippet are absolute, on the
//! server's public URL, in both.

use blomlada_domain::catalog::SetRef;
use blomlada_domain::Lang;

use crate::public_url::PublicUrl;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Links {
    /// Served by `blomlada-server`: `/resultat/1880`, `?lang=en` carried along.
    Served { lang: Lang, default_set: SetRef, public_url: PublicUrl },
    /// A page `depth` directories below the snapshot's root (`resultat/1880/index.html` is 2).
    Files { depth: usize, default_set: SetRef, public_url: PublicUrl },
}

impl Links {
    pub fn lang(&self) -> Lang {
        match self {
            Links::Served { lang, .. } => *lang,
            Links::Files { .. } => Lang::Sv,
        }
    }

    pub fn served(&self) -> bool {
        matches!(self, Links::Served { .. })
    }

    /// The catalog's default set version (the plain `/resultat`).
    pub fn default_set(&self) -> &SetRef {
        match self {
            Links::Served { default_set, .. } | Links::Files { default_set, .. } => default_set,
        }
    }

    /// `segments` is the page's path below the root; files get `index.html`.
    fn page(&self, segments: &[&str]) -> String {
        match self {
            Links::Served { lang, .. } => {
                let path = format!("/{}", segments.join("/"));
                match lang {
                    Lang::Sv => path,
                    Lang::En => format!("{path}?lang=en"),
                }
            }
            Links::Files { depth, .. } => format!("{}{}/index.html", "../".repeat(*depth), segments.join("/")),
        }
    }

    /// The listing of a set version (the catalog's default is plain `/resultat`).
    pub fn listing(&self, set: &SetRef) -> String {
        if set == self.default_set() {
            self.page(&["resultat"])
        } else {
            self.page(&["resultat", &set.set, &set.version])
        }
    }

    pub fn kommun(&self, code: &str) -> String {
        self.page(&["resultat", code])
    }

    pub fn indicator(&self, set: &SetRef, id: &str) -> String {
        self.page(&["resultat", &set.set, &set.version, "indikator", id])
    }

    /// A kommun's download: `blomlada.svg`, `blomlada.png`, `blomlada.csv`, `resultat.json`.
    pub fn download(&self, code: &str, file: &str) -> String {
        match self {
            Links::Served { .. } => format!("/api/v1/published/{code}/{file}"),
            Links::Files { depth, .. } => format!("{}published/{code}/{file}", "../".repeat(*depth)),
        }
    }

    /// A kommun's current picture (landscape, or portrait for narrow screens), in this language.
    pub fn picture(&self, code: &str, portrait: bool) -> String {
        let file = if portrait { "blomlada-portrait.svg" } else { "blomlada.svg" };
        self.with_lang(self.download(code, file))
    }

    /// The picture of one publication of the kommun's history (by its id).
    pub fn history_picture(&self, code: &str, id: i64) -> String {
        self.with_lang(self.download(code, &format!("{id}/blomlada.svg")))
    }

    /// The aggregate picture of a listing's selection. The snapshot holds the unfiltered one of
    /// each set version.
    pub fn aggregate_picture(&self, set: &SetRef, lan: Option<&str>, size: Option<&str>, portrait: bool) -> String {
        let form = if portrait { "-portrait" } else { "" };
        match self {
            Links::Served { .. } => {
                let mut q = format!("set={}&version={}", set.set, set.version);
                if let Some(l) = lan {
                    q.push_str(&format!("&lan={l}"));
                }
                if let Some(g) = size {
                    q.push_str(&format!("&size={g}"));
                }
                self.with_lang(format!("/api/v1/published/blomlada{form}.svg?{q}"))
            }
            Links::Files { depth, .. } => format!("{}published/blomlada-{}-{}{form}.svg", "../".repeat(*depth), set.set, set.version),
        }
    }

    fn with_lang(&self, url: String) -> String {
        match self {
            Links::Served { lang: Lang::En, .. } => format!("{url}{}lang=en", if url.contains('?') { "&" } else { "?" }),
            _ => url,
        }
    }

    /// The kommun's current results (every set version) and history as JSON: the API's, or the
    /// snapshot's copy of it.
    pub fn kommun_json(&self, code: &str) -> String {
        match self {
            Links::Served { .. } => format!("/api/v1/published/{code}"),
            Links::Files { depth, .. } => format!("{}published/{code}.json", "../".repeat(*depth)),
        }
    }

    /// The app (where one assesses one's own kommun): the site's root.
    pub fn app(&self) -> String {
        "/".to_string()
    }

    /// The same page in the other language (served pages only).
    pub fn other_language(&self, path: &str, query_without_lang: &str) -> Option<String> {
        let Links::Served { lang, .. } = self else { return None };
        let mut q: Vec<&str> = query_without_lang.split('&').filter(|p| !p.is_empty()).collect();
        if *lang == Lang::Sv {
            q.push("lang=en");
        }
        Some(if q.is_empty() { path.to_string() } else { format!("{path}?{}", q.join("&")) })
    }

    /// The canonical address of a page (the served Swedish one, no query), absolute, for
    /// `<link rel=canonical>` and og:url; the snapshot's copies name the served page too.
    pub fn canonical(&self, path: &str) -> String {
        self.public_url().join(path)
    }

    /// The absolute address of a kommun's download on the server (for the embed snippet,
    /// which is pasted into other sites).
    pub fn absolute_download(&self, code: &str, file: &str) -> String {
        self.public_url().join(&format!("/api/v1/published/{code}/{file}"))
    }

    fn public_url(&self) -> &PublicUrl {
        match self {
            Links::Served { public_url, .. } | Links::Files { public_url, .. } => public_url,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public_url() -> PublicUrl {
        PublicUrl::parse("https://blomlada.example.se").unwrap()
    }

    fn set(v: &str) -> SetRef {
        SetRef { set: "eblomlada".into(), version: v.into() }
    }

    #[test]
    fn served_and_file_links() {
        let served = Links::Served { lang: Lang::Sv, default_set: set("2014"), public_url: public_url() };
        assert_eq!(served.listing(&set("2014")), "/resultat");
        assert_eq!(served.listing(&set("2026")), "/resultat/eblomlada/2026");
        assert_eq!(served.kommun("1880"), "/resultat/1880");
        assert_eq!(served.indicator(&set("2014"), "it.bredband"), "/resultat/eblomlada/2014/indikator/it.bredband");
        assert_eq!(served.download("1880", "blomlada.svg"), "/api/v1/published/1880/blomlada.svg");
        let en = Links::Served { lang: Lang::En, default_set: set("2014"), public_url: public_url() };
        assert_eq!(en.kommun("1880"), "/resultat/1880?lang=en");
        assert_eq!(served.other_language("/resultat", "lan=18"), Some("/resultat?lan=18&lang=en".into()));
        assert_eq!(en.other_language("/resultat", ""), Some("/resultat".into()));

        let files = Links::Files { depth: 2, default_set: set("2014"), public_url: public_url() };
        assert_eq!(files.listing(&set("2014")), "../../resultat/index.html");
        assert_eq!(files.kommun("1880"), "../../resultat/1880/index.html");
        assert_eq!(files.download("1880", "blomlada.png"), "../../published/1880/blomlada.png");
        assert_eq!(files.other_language("/resultat", ""), None);
        assert_eq!(files.canonical("/resultat/1880"), "https://blomlada.example.se/resultat/1880");
        assert_eq!(served.absolute_download("1880", "blomlada.svg"), "https://blomlada.example.se/api/v1/published/1880/blomlada.svg");
    }
}

//! The public pages as static files for the snapshot: the same rendering as the server's,
//! with relative links to `index.html` files so that the pages work from a disk or any static
//! host. Swedish only (a static host cannot read `?lang=en`); filters and sorting need the
//! server and are left out.

use std::collections::BTreeMap;

use blomlada_domain::catalog::SetRef;
use blomlada_domain::public_results::ListingQuery;
use blomlada_domain::Lang;

use super::embed::{self, Download};
use super::links::Links;
use super::{current_of, indicator, kommun, listing, parse_rows, Published};
use crate::db::{self, Db};
use crate::public_url::PublicUrl;
use crate::sets::Sets;

/// Writes one file of the snapshot: relative path, content.
pub type WriteFile<'w> = dyn FnMut(&str, &[u8]) -> Result<(), String> + 'w;

/// Writes every public page and download through `write(relative path, bytes)`.
/// Canonical addresses and the embed snippet point at the server's `public_url`.
pub fn write_pages(db: &Db, sets: &Sets, public_url: &PublicUrl, write: &mut WriteFile<'_>) -> Result<(), String> {
    let default = sets.default_ref().clone();
    let files = |depth: usize| Links::Files { depth, default_set: default.clone(), public_url: public_url.clone() };
    let mut current: BTreeMap<SetRef, Vec<Published>> = BTreeMap::new();
    for set_ref in sets.sets.keys() {
        let rows = db.with(|conn| current_of(conn, set_ref)).map_err(|e| e.to_string())?;
        current.insert(set_ref.clone(), rows);
    }

    for (set_ref, rows) in &current {
        let (relative, path, depth) = if *set_ref == default {
            ("resultat/index.html".to_string(), "/resultat".to_string(), 1)
        } else {
            (
                format!("resultat/{}/{}/index.html", set_ref.set, set_ref.version),
                format!("/resultat/{}/{}", set_ref.set, set_ref.version),
                3,
            )
        };
        let page = listing::render(&files(depth), sets, set_ref, rows, &ListingQuery::default(), &path);
        write(&relative, page.into_string().as_bytes())?;
        for portrait in [false, true] {
            let picture = embed::aggregate_picture(sets, set_ref, rows, &ListingQuery::default(), Lang::Sv, portrait);
            let form = if portrait { "-portrait" } else { "" };
            write(&format!("published/blomlada-{}-{}{form}.svg", set_ref.set, set_ref.version), &picture.body)?;
        }
        if rows.is_empty() {
            continue;
        }
        let set = sets.get(set_ref).expect("a loaded set version");
        for p in set.placed() {
            let id = &p.indicator.id;
            let page = indicator::render(&files(5), set, id, rows);
            write(&format!("resultat/{}/{}/indikator/{id}/index.html", set_ref.set, set_ref.version), page.into_string().as_bytes())?;
        }
    }

    let kommuner = db.with(|conn| db::published_kommuner(conn)).map_err(|e| e.to_string())?;
    for code in &kommuner {
        let mine = db.with(|conn| Ok(parse_rows(db::kommun_results(conn, code)?))).map_err(|e| e.to_string())?;
        let shown = kommun::shown_set(&mine, &default);
        let no_peers = Vec::new();
        let peers = shown.as_ref().and_then(|s| current.get(s)).unwrap_or(&no_peers);
        let (_, page) = kommun::render(&files(2), sets, code, &mine, peers);
        write(&format!("resultat/{code}/index.html"), page.into_string().as_bytes())?;
        for p in mine.iter().filter(|p| p.row.status != "current") {
            if let Some(picture) = embed::history_picture(sets, &mine, p.row.id, Lang::Sv) {
                write(&format!("published/{code}/{}/blomlada.svg", p.row.id), &picture.body)?;
            }
        }
        for what in Download::ALL {
            if let Some(rendered) = embed::render(sets, code, &mine, what, Lang::Sv)? {
                write(&format!("published/{code}/{}", what.file_name()), &rendered.body)?;
            }
        }
    }
    Ok(())
}

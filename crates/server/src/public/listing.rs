//! `/resultat`: the kommuner with a current result for one set version, filtered and sorted
//! by a plain GET form, under the selection's aggregate flower box.

use std::collections::BTreeSet;

use blomlada_domain::catalog::SetRef;
use blomlada_domain::comparison::{compare, Selection};
use blomlada_domain::flowerbox::{Heading, Layout, Values};
use blomlada_domain::kommun;
use blomlada_domain::public_results::{listing, Entry, ListingQuery, ListingRow, SortKey};
use blomlada_domain::public_texts::public_texts;
use blomlada_domain::result_file::ResultFile;
use blomlada_domain::share_row::{basis_sentence, Basis, DASH};
use blomlada_domain::size_group::SizeGroup;
use blomlada_domain::{IndicatorSet, Lang, Localized};
use maud::{html, Markup};

use super::links::Links;
use super::page::{flower_figure, page, Head, Shown};
use super::picture::{flower_layout, flower_layout_narrow};
use super::{PageQuery, Published};
use crate::sets::Sets;

/// Reads the form. Unknown län or size groups are an error naming the value; an unknown sort
/// key falls back to the kommun's name.
pub fn parse_query(q: &PageQuery, set: &IndicatorSet) -> Result<ListingQuery, String> {
    let lan = q.lan.clone().filter(|l| !l.is_empty());
    if let Some(code) = &lan {
        if !kommun::lan_list().iter().any(|(c, _)| c == code) {
            return Err(format!("Okänt län: {code:?} (unknown county code)"));
        }
    }
    let size_group = match q.size.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(key) => Some(SizeGroup::from_key(key).ok_or_else(|| format!("Okänd storleksgrupp: {key:?} (unknown size group)"))?),
    };
    Ok(ListingQuery {
        lan,
        size_group,
        sort: SortKey::parse(q.sort.as_deref().unwrap_or_default(), set),
        descending: q.order.as_deref() == Some("desc"),
    })
}

/// The aggregate pictures (landscape, portrait) of the chosen results.
pub fn selection_pictures(set: &IndicatorSet, chosen: &[&ResultFile], lang: Lang) -> (Layout, Layout) {
    let t = public_texts(lang);
    let comparison = compare(set, chosen.iter().copied(), &Selection::All);
    let label = Localized { sv: public_texts(Lang::Sv).aggregate_label.into(), en: Some(public_texts(Lang::En).aggregate_label.into()) };
    let agg = comparison.aggregate(Some(label));
    let heading = Heading { title: t.listing_title.to_string(), subtitle: Some(set.name(lang)) };
    let wide = flower_layout(set, Values::Aggregate(&agg), lang, Some(heading.clone()));
    let narrow = flower_layout_narrow(set, Values::Aggregate(&agg), lang, Some(heading));
    (wide, narrow)
}

/// The results of `current` that a listing query takes (for the aggregate picture).
pub fn chosen<'p>(set: &IndicatorSet, current: &'p [Published], query: &ListingQuery) -> Vec<&'p ResultFile> {
    let entries: Vec<Entry<'_>> =
        current.iter().map(|p| Entry { result: &p.file, population: p.row.population, published_at: p.row.published_at.clone() }).collect();
    let codes: BTreeSet<String> = listing(set, &entries, query).into_iter().map(|r| r.code).collect();
    current.iter().filter(|p| codes.contains(&p.file.kommun.code)).map(|p| &p.file).collect()
}

fn size_label(g: SizeGroup, lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => g.label_sv(),
        Lang::En => g.label_en(),
    }
}

/// The listing page of `set_ref` for the results in `current`.
pub fn render(links: &Links, sets: &Sets, set_ref: &SetRef, current: &[Published], query: &ListingQuery, path: &str) -> Markup {
    let lang = links.lang();
    let t = public_texts(lang);
    let set = sets.get(set_ref).expect("a loaded set version");
    let entries: Vec<Entry<'_>> =
        current.iter().map(|p| Entry { result: &p.file, population: p.row.population, published_at: p.row.published_at.clone() }).collect();
    let rows = listing(set, &entries, query);
    let codes: BTreeSet<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    let chosen: Vec<&blomlada_domain::result_file::ResultFile> =
        current.iter().filter(|p| codes.contains(p.file.kommun.code.as_str())).map(|p| &p.file).collect();
    let set_name = set.name(lang);
    let aggregate = (!rows.is_empty()).then(|| selection_pictures(set, &chosen, lang));

    let body = html! {
        h1 { (t.listing_title) }
        p.lead { (t.listing_intro) " " a href=(links.app()) { (t.assess_yours) } }
        (versions_nav(links, sets, set_ref))
        @if links.served() { (filters(links, set, query, path)) }
        @if current.is_empty() {
            p.notice.notice-info { (t.none_published) }
        } @else if rows.is_empty() {
            p.notice.notice-info { (t.none_match) }
        } @else {
            h2 { ((t.aggregate_heading)(rows.len())) }
            @if let Some((wide, narrow)) = &aggregate {
                @let (lan, size) = (query.lan.as_deref(), query.size_group.map(|g| g.key()));
                (flower_figure(
                    set,
                    Shown { url: links.aggregate_picture(set_ref, lan, size, false), layout: wide },
                    Some(Shown { url: links.aggregate_picture(set_ref, lan, size, true), layout: narrow }),
                    lang
                ))
            }
            h2 { ((t.table_caption)(rows.len())) }
            (results_table(links, set, set_ref, &rows, query))
            p.basis { (basis_sentence(Basis::CountedAnswers, false, lang)) }
        }
    };
    // Carried to the other language from the parsed query only (never the raw one): the page
    // is cached by the parsed query and must show nothing else.
    let carried = query.to_query();
    let head = Head {
        title: format!("{} · {}", t.listing_title, set_name),
        description: format!("{} {}", t.listing_intro, set_name),
        path,
        query: &carried,
        image: None,
    };
    page(links, head, body)
}

/// Links to the listing of every set version loaded, the default first (when there are more).
fn versions_nav(links: &Links, sets: &Sets, set_ref: &SetRef) -> Markup {
    let lang = links.lang();
    let t = public_texts(lang);
    let mut versions: Vec<(SetRef, String)> = sets.sets.iter().map(|(r, s)| (r.clone(), s.name(lang))).collect();
    versions.sort_by_key(|(r, _)| r != sets.default_ref());
    html! {
        @if versions.len() > 1 {
            nav.versions aria-label=(t.versions_label) {
                (t.versions_label) ":"
                ul { @for (r, name) in &versions {
                    li { a href=(links.listing(r)) aria-current=[(r == set_ref).then_some("page")] { (name) } }
                } }
            }
        }
    }
}

/// The filter form: län, size group, sort and order (a plain GET form: works without script).
fn filters(links: &Links, set: &IndicatorSet, query: &ListingQuery, path: &str) -> Markup {
    let lang = links.lang();
    let t = public_texts(lang);
    html! {
        form.filters method="get" action=(path) {
            fieldset.filters {
                legend { (t.filter_legend) }
                @if lang == Lang::En { input type="hidden" name="lang" value="en"; }
                div {
                    label for="f-lan" { (t.filter_lan) }
                    select #f-lan name="lan" {
                        option value="" { (t.filter_any) }
                        @for (code, name) in kommun::lan_list() {
                            option value=(code) selected[query.lan.as_deref() == Some(code)] { (name) }
                        }
                    }
                }
                div {
                    label for="f-size" { (t.filter_size_group) }
                    select #f-size name="size" {
                        option value="" { (t.filter_any) }
                        @for g in SizeGroup::ALL {
                            option value=(g.key()) selected[query.size_group == Some(g)] { (size_label(g, lang)) }
                        }
                    }
                }
                div {
                    label for="f-sort" { (t.sort_label) }
                    select #f-sort name="sort" {
                        option value="kommun" selected[query.sort == SortKey::Kommun] { (t.col_kommun) }
                        option value="lan" selected[query.sort == SortKey::Lan] { (t.col_lan) }
                        option value="size" selected[query.sort == SortKey::SizeGroup] { (t.col_size_group) }
                        option value="date" selected[query.sort == SortKey::Date] { (t.col_date) }
                        @for a in &set.areas {
                            @let key = SortKey::Area(a.id.clone());
                            option value=(key.key()) selected[query.sort == key] { ((t.col_helt_share)(a.title.get(lang))) }
                        }
                    }
                }
                div {
                    label for="f-order" { (t.order_label) }
                    select #f-order name="order" {
                        option value="asc" selected[!query.descending] { (t.sort_ascending) }
                        option value="desc" selected[query.descending] { (t.sort_descending) }
                    }
                }
                button.button-primary type="submit" { (t.filter_submit) }
            }
        }
    }
}

/// The results, one row a kommun, each area's share of the best option; served, a column's
/// heading links to the listing sorted by it (the other way when it already is).
fn results_table(links: &Links, set: &IndicatorSet, set_ref: &SetRef, rows: &[ListingRow], query: &ListingQuery) -> Markup {
    let lang = links.lang();
    let t = public_texts(lang);
    let best = set.best_option();
    let header_cell = |label: String, key: SortKey, numeric: bool| {
        let (href, sort) = sort_link(links, set_ref, query, &key);
        html! {
            th scope="col" class=[numeric.then_some("num")] aria-sort=[sort] {
                @if links.served() { a href=(href) { (label) } } @else { (label) }
            }
        }
    };
    html! {
        // Wide on a phone: the wrapper scrolls, so it takes focus (keyboard scrolling) and a name.
        div.table-wrap.deferred tabindex="0" role="region" aria-label=((t.table_caption)(rows.len())) {
            table.results {
                caption { ((t.table_caption)(rows.len())) " · " (set.name(lang)) }
                thead { tr {
                    (header_cell(t.col_kommun.to_string(), SortKey::Kommun, false))
                    (header_cell(t.col_lan.to_string(), SortKey::Lan, false))
                    (header_cell(t.col_size_group.to_string(), SortKey::SizeGroup, false))
                    (header_cell(t.col_date.to_string(), SortKey::Date, false))
                    @for a in &set.areas {
                        (header_cell((t.col_helt_share)(a.title.get(lang)), SortKey::Area(a.id.clone()), true))
                    }
                } }
                tbody { @for r in rows {
                    tr {
                        th scope="row" { a href=(links.kommun(&r.code)) { (r.name) } }
                        td { (r.lan) }
                        td { (size_label(r.size_group, lang)) }
                        td { (r.date) }
                        @for a in &r.areas { td.num { (best.map_or(DASH.into(), |i| a.text(i, false, lang))) } }
                    }
                } }
            }
        }
    }
}

/// The listing sorted by `key` (the other way when it already is), with its filters and
/// language kept; and the column's `aria-sort` when it is the sort now.
fn sort_link(links: &Links, set_ref: &SetRef, query: &ListingQuery, key: &SortKey) -> (String, Option<&'static str>) {
    let active = query.sort == *key;
    let descending = active && !query.descending;
    let mut params: Vec<String> = Vec::new();
    if let Some(l) = &query.lan {
        params.push(format!("lan={l}"));
    }
    if let Some(g) = query.size_group {
        params.push(format!("size={}", g.key()));
    }
    params.push(format!("sort={}", key.key()));
    if descending {
        params.push("order=desc".into());
    }
    if links.lang() == Lang::En {
        params.push("lang=en".into());
    }
    let base = links.listing(set_ref);
    let base = base.split('?').next().unwrap_or_default().to_string();
    let sort = active.then_some(if query.descending { "descending" } else { "ascending" });
    (format!("{base}?{}", params.join("&")), sort)
}

pub fn unknown_version(links: &Links, path: &str) -> Markup {
    let t = public_texts(links.lang());
    let body = html! {
        h1 { (t.listing_title) }
        p.notice.notice-error { (t.unknown_version_body) }
        p { a href=(links.listing(links.default_set())) { (t.back_to_listing) } }
    };
    page(links, Head { title: t.listing_title.into(), description: t.listing_intro.into(), path, query: "", image: None }, body)
}

pub fn bad_query(links: &Links, path: &str, message: &str) -> Markup {
    let t = public_texts(links.lang());
    let body = html! {
        h1 { (t.listing_title) }
        p.notice.notice-error role="alert" { (message) }
        p { a href=(links.listing(links.default_set())) { (t.back_to_listing) } }
    };
    page(links, Head { title: t.listing_title.into(), description: t.listing_intro.into(), path, query: "", image: None }, body)
}

//! `/resultat/{set}/{version}/indikator/{id}`: "Vilka uppfyller?" — the kommuner answering each
//! option of one indicator, with their evidence links.

use blomlada_domain::catalog::SetRef;
use blomlada_domain::comparison::{answering, Selection};
use blomlada_domain::public_texts::public_texts;
use blomlada_domain::IndicatorSet;
use maud::{html, Markup};

use super::links::Links;
use super::page::{evidence, page, Head};
use super::Published;

pub fn render(links: &Links, set: &IndicatorSet, id: &str, current: &[Published]) -> Markup {
    let lang = links.lang();
    let t = public_texts(lang);
    let set_ref = SetRef { set: set.id.clone(), version: set.version.clone() };
    let placed = set.placed().find(|p| p.indicator.id == id).expect("a known indicator");
    let files: Vec<&blomlada_domain::result_file::ResultFile> = current.iter().map(|p| &p.file).collect();
    let text = placed.indicator.text.get(lang);
    let path = format!("/resultat/{}/{}/indikator/{id}", set.id, set.version);
    let body = html! {
        h1 { (t.indicator_title) }
        p.lead { (text) }
        p.muted { (placed.area.title.get(lang)) " · " (placed.group.title.get(lang)) " · " (set.name(lang)) }
        p { ((t.indicator_lead)(files.len())) }
        @for option in &set.scale.options {
            @let all = answering(set, files.iter().copied(), &Selection::All, &option.key);
            @let who = all.get(id).cloned().unwrap_or_default();
            section aria-labelledby={ "svar-" (option.key) } {
                h2 id={ "svar-" (option.key) } { ((t.answered_by)(option.label.get(lang), who.len())) }
                @if who.is_empty() {
                    p.muted { (t.nobody) }
                } @else {
                    ul.fulfillers { @for f in &who {
                        li {
                            a href=(links.kommun(&f.code)) { (f.name) }
                            @if f.evidence.is_some() { " · " (evidence(f.evidence.as_deref(), t.evidence_link)) }
                        }
                    } }
                }
            }
        }
        p { a href=(links.listing(&set_ref)) { (t.back_to_listing) } }
    };
    let head =
        Head { title: format!("{} {}", t.indicator_title, text), description: text.to_string(), path: &path, query: "", image: None };
    page(links, head, body)
}

pub fn unknown(links: &Links, set: &SetRef) -> Markup {
    let t = public_texts(links.lang());
    let body = html! {
        h1 { (t.unknown_indicator_title) }
        p { (t.unknown_indicator_body) }
        p { a href=(links.listing(set)) { (t.back_to_listing) } }
    };
    page(
        links,
        Head {
            title: t.unknown_indicator_title.into(),
            description: t.unknown_indicator_body.into(),
            path: "/resultat",
            query: "",
            image: None,
        },
        body,
    )
}

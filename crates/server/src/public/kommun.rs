//! `/resultat/{kommunkod}`: a kommun's current result (picture, numbers, every answer with its
//! evidence), the kommun beside its size group and län, the history of earlier publications
//! and the downloads. A kommun without a current result gets a 404 page that says how to
//! publish.

use axum::http::StatusCode;
use blomlada_domain::catalog::SetRef;
use blomlada_domain::comparison::{compare, Selection};
use blomlada_domain::flowerbox::{Heading, Layout, Values};
use blomlada_domain::kommun::{self, Kommun};
use blomlada_domain::number_format::integer;
use blomlada_domain::public_results::{area_row, changed_answers};
use blomlada_domain::public_texts::public_texts;
use blomlada_domain::result_file::ResultFile;
use blomlada_domain::share_row::{basis_sentence, Basis, DASH};
use blomlada_domain::size_group::SizeGroup;
use blomlada_domain::{IndicatorSet, Lang, Timestamp};
use maud::{html, Markup};

use super::links::Links;
use super::page::{evidence, flower_figure, page, Head, Shown};
use super::picture::flower_layout;
use super::Published;
use crate::sets::Sets;

/// The set version a kommun's page shows: the catalog's default when the kommun has a current
/// result for it, else its most recently published current result's.
pub fn shown_set(mine: &[Published], default: &SetRef) -> Option<SetRef> {
    let current: Vec<&Published> = mine.iter().filter(|p| p.row.status == "current").collect();
    if current.iter().any(|p| &p.row.set == default) {
        return Some(default.clone());
    }
    current.iter().max_by_key(|p| p.row.id).map(|p| p.row.set.clone())
}

fn size_label(g: SizeGroup, lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => g.label_sv(),
        Lang::En => g.label_en(),
    }
}

fn date(rfc3339: &str) -> String {
    Timestamp::parse_rfc3339(rfc3339).map(|t| t.date_iso(0)).unwrap_or_else(|| rfc3339.chars().take(10).collect())
}

/// The heading of a publication's picture: the kommun's name (from SCB's list, never the
/// publisher's text), the set and the date.
fn heading_of(set: &IndicatorSet, p: &Published, lang: Lang) -> Heading {
    let name = kommun::by_code(&p.row.kommun_code).map(|k| k.name.clone()).unwrap_or_default();
    Heading {
        title: name,
        subtitle: Some(format!("{} · {} {}", set.name(lang), public_texts(lang).published.to_lowercase(), date(&p.row.published_at))),
    }
}

/// The picture of one publication (landscape).
pub fn picture_of(set: &IndicatorSet, p: &Published, lang: Lang) -> Layout {
    let assessment = p.file.to_assessment(format!("published-{}", p.row.id), p.file.updated);
    flower_layout(set, Values::Single(&assessment), lang, Some(heading_of(set, p, lang)))
}

/// [`picture_of`] in the portrait arrangement, for narrow screens.
pub fn picture_of_narrow(set: &IndicatorSet, p: &Published, lang: Lang) -> Layout {
    let assessment = p.file.to_assessment(format!("published-{}", p.row.id), p.file.updated);
    super::picture::flower_layout_narrow(set, Values::Single(&assessment), lang, Some(heading_of(set, p, lang)))
}

fn answer_label(set: &IndicatorSet, key: Option<&str>, lang: Lang) -> String {
    match key.and_then(|k| set.option(k)) {
        Some(o) => o.label.get(lang).to_string(),
        None => key.map(str::to_string).unwrap_or_else(|| public_texts(lang).not_answered.to_string()),
    }
}

/// The page (status and HTML) for `code` given its publications `mine` (newest first) and the
/// current results of the shown set version (`peers`, for the size group and the län).
pub fn render(links: &Links, sets: &Sets, code: &str, mine: &[Published], peers: &[Published]) -> (StatusCode, Markup) {
    let lang = links.lang();
    let t = public_texts(lang);
    let k = kommun::by_code(code).expect("a known kommun");
    let default = links.default_set();
    let Some(shown) = shown_set(mine, default) else { return (StatusCode::NOT_FOUND, not_published(links, code)) };
    let Some(set) = sets.get(&shown) else { return (StatusCode::NOT_FOUND, not_published(links, code)) };
    let current = mine.iter().find(|p| p.row.status == "current" && p.row.set == shown).expect("shown_set found it");
    let file = &current.file;
    let group = SizeGroup::of_population(current.row.population);
    let wide = picture_of(set, current, lang);
    let narrow = picture_of_narrow(set, current, lang);
    let set_name = set.name(lang);
    let published = date(&current.row.published_at);
    let path = format!("/resultat/{code}");

    let others: Vec<&Published> = mine.iter().filter(|p| p.row.status == "current" && p.row.set != shown).collect();

    let body = html! {
        h1 { ((t.kommun_title)(&k.name)) }
        p.lead { ((t.kommun_lead)(&set_name, &published)) }
        dl.facts {
            dt { (t.col_lan) } dd { (k.lan) }
            dt { (t.population) } dd { (integer(current.row.population.into(), lang)) " (" (size_label(group, lang)) ")" }
            dt { (t.set_label) } dd { (set_name) }
            dt { (t.published) } dd { (published) }
            dt { (t.updated) } dd { (file.updated.date_iso(0)) }
            @if let Some(approval) = file.approval.as_deref().filter(|a| !a.trim().is_empty()) {
                dt { (t.decision) } dd { (approval) }
            }
        }
        @if !others.is_empty() {
            p { (t.also_published) ": "
                @for (i, o) in others.iter().enumerate() {
                    @if i > 0 { ", " }
                    @if let Some(s) = sets.get(&o.row.set) { (s.name(lang)) } @else { (o.row.set.set) " " (o.row.set.version) }
                    " (" a href=(links.kommun_json(code)) { "JSON" } ")"
                }
            }
        }
        h2 { (t.picture_heading) }
        (flower_figure(
            set,
            Shown { url: links.picture(code, false), layout: &wide },
            Some(Shown { url: links.picture(code, true), layout: &narrow }),
            lang
        ))

        (beside_table(set, k, file, current.row.population, peers, lang))

        (answers_section(links, set, file, &shown))

        (history_section(links, sets, set, mine, code))

        (downloads_section(links, code, &k.name))
        p { a.button.button-primary href=(links.app()) { (t.assess_yours) } " " a.button href=(links.listing(&shown)) { (t.back_to_listing) } }
    };
    let head = Head {
        title: format!("{} · {}", (t.kommun_title)(&k.name), set_name),
        description: wide.alt_text.chars().take(300).collect(),
        path: &path,
        query: "",
        image: Some(links.absolute_download(code, "blomlada.png")),
    };
    (StatusCode::OK, page(links, head, body))
}

/// This kommun's share of the best option per area beside its size group's and its län's (the
/// current results of the same set version, `peers`).
fn beside_table(set: &IndicatorSet, k: &Kommun, file: &ResultFile, population: u32, peers: &[Published], lang: Lang) -> Markup {
    let t = public_texts(lang);
    let group = SizeGroup::of_population(population);
    let best = set.best_option();
    let counting = set.counting();
    let peer_files: Vec<&ResultFile> = peers.iter().map(|p| &p.file).collect();
    let by_group = compare(set, peer_files.iter().copied(), &Selection::SizeGroup(group));
    let by_lan = compare(set, peer_files.iter().copied(), &Selection::Lan(k.lan_code.clone()));
    let peer_share = |c: &blomlada_domain::comparison::Comparison, area: &str| -> String {
        match (c.area(area), best) {
            (Some(tally), Some(i)) => tally.row(&counting).text(i, false, lang),
            _ => DASH.into(),
        }
    };
    html! {
    h2 { (t.beside_heading) }
    div.table-wrap tabindex="0" role="region" aria-label=(t.beside_caption) { table.beside {
        caption { (t.beside_caption) }
        thead { tr {
            th scope="col" { (t.col_area) }
            th.num scope="col" { (k.name) }
            th.num scope="col" { ((t.size_group_n)(size_label(group, lang), by_group.n())) }
            th.num scope="col" { ((t.lan_n)(&k.lan, by_lan.n())) }
        } }
        tbody { @for a in &set.areas {
            tr {
                th scope="row" { (a.title.get(lang)) }
                td.num { (best.map_or(DASH.into(), |i| area_row(set, a, file).text(i, false, lang))) }
                td.num { (peer_share(&by_group, &a.id)) }
                td.num { (peer_share(&by_lan, &a.id)) }
            }
        } }
    } }
    p.basis { (basis_sentence(Basis::CountedAnswers, true, lang)) }

    }
}

/// Every answer, area by area, with its comment and evidence link and a link to who else
/// answered the indicator so.
fn answers_section(links: &Links, set: &IndicatorSet, file: &ResultFile, shown: &SetRef) -> Markup {
    let lang = links.lang();
    let t = public_texts(lang);
    html! {
    h2 { (t.answers_heading) }
    @for area in &set.areas {
        h3 { (area.title.get(lang)) }
        div.table-wrap.deferred tabindex="0" role="region" aria-label=(area.title.get(lang)) { table.answers {
            thead { tr {
                th scope="col" { (t.col_indicator) }
                th scope="col" { (t.col_answer) }
                th scope="col" { (t.col_evidence) }
                th scope="col" { (t.who_else) }
            } }
            tbody { @for g in &area.groups { @for ind in &g.indicators {
                @let a = file.answers.get(&ind.id);
                @let key = a.and_then(|a| a.answer.as_deref());
                tr {
                    th scope="row" { span.muted { (g.title.get(lang)) ": " } (ind.text.get(lang)) }
                    td class={ "answer answer-" (key.unwrap_or("none")) } {
                        (answer_label(set, key, lang))
                        // What the publish page says becomes public: the comment too.
                        @if let Some(comment) = a.and_then(|a| a.comment.as_deref()).filter(|c| !c.is_empty()) {
                            p.comment { span.muted { (t.comment_label) ": " } (comment) }
                        }
                    }
                    td.evidence { (evidence(a.and_then(|a| a.evidence.as_deref()), t.evidence_link)) }
                    td { a href=(links.indicator(shown, &ind.id)) aria-label={ (t.who_else) " " (ind.text.get(lang)) } { (t.who_else) } }
                }
            } } }
        } }
    }

    }
}

/// The earlier publications, newest first, each with its picture and what changed by the next.
fn history_section(links: &Links, sets: &Sets, set: &IndicatorSet, mine: &[Published], code: &str) -> Markup {
    let lang = links.lang();
    let t = public_texts(lang);
    let history: Vec<(usize, &Published)> = mine.iter().enumerate().filter(|(_, p)| p.row.status != "current").collect();
    html! {
    h2 { (t.history_heading) }
    @if history.is_empty() {
        p { (t.history_none) }
    } @else {
        ol.history {
            @for (i, p) in &history {
                li {
                    h3 { ((t.history_published)(&date(&p.row.published_at))) }
                    @match sets.get(&p.row.set) {
                        Some(s) => {
                            @let l = picture_of(s, p, lang);
                            img.flower-img src=(links.history_picture(code, p.row.id)) alt=(l.alt_text)
                                width=(l.width.round() as u32) height=(l.height.ceil() as u32) loading="lazy" decoding="async";
                            (changes(set, mine, *i, lang))
                        }
                        None => { p { (p.row.set.set) " " (p.row.set.version) } }
                    }
                }
            }
        }
    }

    }
}

/// The downloads and the snippet that embeds the picture elsewhere.
fn downloads_section(links: &Links, code: &str, name: &str) -> Markup {
    let t = public_texts(links.lang());
    html! {
    h2 { (t.downloads_heading) }
    ul.downloads {
        li { a href=(links.download(code, "resultat.json")) download { (t.download_json) } }
        li { a href=(links.download(code, "blomlada.csv")) download { (t.download_csv) } }
        li { a href=(links.download(code, "blomlada.svg")) { (t.download_svg) } }
        li { a href=(links.download(code, "blomlada.png")) { (t.download_png) } }
    }
    div.embed {
        p { (t.embed_hint) }
        code { "<img src=\"" (links.absolute_download(code, "blomlada.svg")) "\" alt=\"" ((t.kommun_title)(name)) "\" width=\"600\">" }
    }
    }
}

/// What changed from the publication at `index` (in `mine`, newest first) to the next newer
/// publication of the same set version.
fn changes(set: &IndicatorSet, mine: &[Published], index: usize, lang: Lang) -> Markup {
    let t = public_texts(lang);
    let earlier = &mine[index];
    let later = mine[..index].iter().rev().find(|p| p.row.set == earlier.row.set);
    let Some(later) = later else { return html! {} };
    let set_here = if earlier.row.set.set == set.id && earlier.row.set.version == set.version { Some(set) } else { None };
    match set_here.and_then(|s| changed_answers(s, &earlier.file, &later.file)) {
        None => html! { p.muted { (t.history_other_version) } },
        Some(list) if list.is_empty() => html! { p { (t.history_no_changes) } },
        Some(list) => {
            let text_of =
                |id: &str| set.placed().find(|p| p.indicator.id == id).map(|p| p.indicator.text.get(lang).to_string()).unwrap_or_default();
            html! {
                p { ((t.history_changes)(list.len())) }
                ul { @for c in &list {
                    li { (text_of(&c.indicator_id)) ": " ((t.change_to)(&answer_label(set, c.before.as_deref(), lang), &answer_label(set, c.after.as_deref(), lang))) }
                } }
            }
        }
    }
}

/// The 404 page of a kommun without a current result.
pub fn not_published(links: &Links, code: &str) -> Markup {
    let t = public_texts(links.lang());
    let name = kommun::by_code(code).map(|k| k.name.clone()).unwrap_or_else(|| code.to_string());
    let path = format!("/resultat/{code}");
    let body = html! {
        h1 { ((t.not_published_title)(&name)) }
        p { (t.not_published_body) }
        p { (t.how_to_publish) }
        p { a.button.button-primary href=(links.app()) { (t.assess_yours) } " " a.button href=(links.listing(links.default_set())) { (t.back_to_listing) } }
    };
    page(
        links,
        Head { title: (t.not_published_title)(&name), description: t.not_published_body.into(), path: &path, query: "", image: None },
        body,
    )
}

/// The 404 page of a code that is no kommun.
pub fn unknown(links: &Links, code: &str) -> Markup {
    let t = public_texts(links.lang());
    let body = html! {
        h1 { (t.unknown_kommun_title) }
        p { ((t.unknown_kommun_body)(code)) }
        p { a href=(links.listing(links.default_set())) { (t.back_to_listing) } }
    };
    page(
        links,
        Head {
            title: t.unknown_kommun_title.into(),
            description: t.unknown_kommun_title.into(),
            path: "/resultat",
            query: "",
            image: None,
        },
        body,
    )
}

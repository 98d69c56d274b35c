//! The overview: the assessment as a flower box, with the 2016 reference beside it where the set
//! carries one. This is the page for the management group, and the one to print.

use std::sync::Arc;

use blomlada_domain::answering::group_anchor;
use blomlada_domain::flowerbox::{Aggregate, Heading};
use blomlada_domain::{Assessment, IndicatorSet};
use leptos::prelude::*;

use crate::app_state::use_app_state;
use crate::browser::clock;
use blomlada_domain::catalog::SetRef;
use blomlada_domain::download_name::PictureName;

use crate::components::assessment_frame::AssessmentFrame;
use crate::components::flower_box::{FlowerBox, Picture};
use crate::components::handout_progress::HandoutProgress;
use crate::components::target_view::TargetView;
use crate::components::two_way_switch::TwoWaySwitch;
use crate::i18n::texts;

#[component]
pub fn Overview() -> impl IntoView {
    view! {
        <AssessmentFrame body=|set, handle| {
            // Progress per förvaltning of the parts handed out (issue 20 part 4): by link (kept in
            // the shared log, so every editor sees them, live) and by file (kept in this browser).
            let by_file = use_app_state().kept_handouts(&handle.id()).map(|k| k.assignments).unwrap_or_default();
            let by_link = handle.shared_views(|v| v.handouts());
            let assignments = Signal::derive(move || {
                let mut all = by_link.get();
                all.extend(by_file.iter().cloned());
                all
            });
            let assessment = handle.watch();
            view! {
                <OverviewBody set=set.clone() assessment=assessment/>
                <HandoutProgress set=set assessment=assessment assignments=assignments/>
            }
        }/>
    }
}

#[component]
fn OverviewBody(set: Arc<IndicatorSet>, assessment: Memo<Option<Assessment>>) -> impl IntoView {
    let state = use_app_state();
    let lang = state.lang;
    let t = move || texts(lang.get());
    let reference = Aggregate::from_reference(&set);
    let show_reference = RwSignal::new(false);
    let show_targets = RwSignal::new(false);
    let today = clock::now().date_iso(clock::utc_offset_minutes());

    let picture = {
        let reference = reference.clone();
        Signal::derive(move || match (show_reference.get(), &reference) {
            (true, Some(r)) => Picture::Aggregate(r.clone()),
            _ => assessment.get().map(Picture::Single).unwrap_or_else(|| Picture::Aggregate(Aggregate::default())),
        })
    };
    let set_name = {
        let set = set.clone();
        move || set.name(lang.get())
    };
    let heading = {
        let reference = reference.clone();
        let set_name = set_name.clone();
        let today = today.clone();
        Signal::derive(move || {
            let lang_now = lang.get();
            match (show_reference.get(), &reference) {
                (true, Some(r)) => Heading {
                    title: r.label.as_ref().map(|l| l.get(lang_now).to_string()).unwrap_or_default(),
                    subtitle: Some(format!("{} · {today}", set_name())),
                },
                _ => assessment.with(|a| {
                    let a = a.as_ref();
                    Heading {
                        title: a.map(|a| a.kommun.name.clone()).unwrap_or_default(),
                        // The default title ("Örebro – eBlomlådan 2026") already names the set.
                        subtitle: Some({
                            let title = a.map(|a| a.title.clone()).unwrap_or_default();
                            let set = set_name();
                            if title.contains(&set) {
                                format!("{title} · {today}")
                            } else {
                                format!("{title} · {set} · {today}")
                            }
                        }),
                    }
                }),
            }
        })
    };
    let file_name = {
        let set_ref = SetRef { set: set.id.clone(), version: set.version.clone() };
        let reference = reference.clone();
        Signal::derive(move || {
            let who = match (show_reference.get(), &reference) {
                (true, Some(r)) => r.label.as_ref().map(|l| l.sv.clone()).unwrap_or_else(|| "referens".into()),
                _ => assessment.with(|a| a.as_ref().map(|a| a.kommun.name.clone()).unwrap_or_default()),
            };
            PictureName::of(&who, &set_ref, &today)
        })
    };
    let id = move || assessment.with(|a| a.as_ref().map(|a| a.id.clone()).unwrap_or_default());
    let answer_link = Callback::new(move |(area, group): (String, String)| format!("/vardering/{}#{}", id(), group_anchor(&area, &group)));

    let switch = reference.as_ref().map(|r| {
        let label = r.label.clone();
        let comparison = Signal::derive(move || (t().fb_comparison)(label.as_ref().map(|l| l.get(lang.get())).unwrap_or_default()));
        view! {
            <TwoWaySwitch name="fb-visa" values=("egen", "referens") legend=Signal::derive(move || t().fb_show.to_string())
                off_label=Signal::derive(move || t().fb_own.to_string()) on_label=comparison on=show_reference/>
        }
    });

    view! {
        <h1>{move || t().overview_title}": "{move || assessment.with(|a| a.as_ref().map(|a| a.title.clone()).unwrap_or_default())}</h1>
        <p class="lead">{move || assessment.with(|a| a.as_ref().map(|a| format!("{} · {}", a.kommun.name, set_name())).unwrap_or_default())}</p>
        <p class="fb-noprint">{move || t().overview_intro}</p>
        {switch}
        // Issue 13: now, or now and targets (the target view draws the same picture as SVG).
        <TwoWaySwitch name="fb-mal" values=("nu", "mal") legend=Signal::derive(move || t().fb_view_legend.to_string())
            off_label=Signal::derive(move || t().fb_view_now.to_string()) on_label=Signal::derive(move || t().fb_view_targets.to_string())
            on=show_targets on_change=Callback::new(move |targets: bool| if targets { show_reference.set(false) })/>
        <Show when=move || !show_targets.get() fallback={
            let set = set.clone();
            move || assessment.get().map(|a| view! {
                <TargetView set=set.clone() assessment=a lang=lang.get() heading=heading.get() file_name=file_name.get()/>
            })
        }>
            <FlowerBox set=set.clone() picture=picture lang=lang heading=heading file_name=file_name answer_link=answer_link/>
        </Show>
    }
}

//! Whom to compare with: all kommuner that published, my size group, my län, or a list I
//! choose. The choice is a [`Selection`] from the domain; this room only gathers it.

use blomlada_domain::comparison::Selection;
use blomlada_domain::kommun::{self, Kommun};
use blomlada_domain::size_group::SizeGroup;
use blomlada_domain::{Assessment, Lang};
use leptos::prelude::*;

use crate::app_state::use_app_state;
use crate::components::kommun_picker::KommunPicker;
use crate::i18n::texts;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    All,
    SizeGroup,
    Lan,
    List,
}

/// The choice's state; `selection` is `None` while the choice cannot be made (no size given,
/// an empty list).
#[derive(Clone, Copy)]
pub(super) struct Choice {
    mode: RwSignal<Mode>,
    chosen_list: RwSignal<Vec<String>>,
    picked: RwSignal<Option<&'static Kommun>>,
    my_kommun: Memo<Option<&'static Kommun>>,
    my_size: Memo<Option<SizeGroup>>,
    pub selection: Memo<Option<Selection>>,
}

pub(super) fn choice_for(assessment: Memo<Option<Assessment>>) -> Choice {
    let mode = RwSignal::new(Mode::All);
    let chosen_list = RwSignal::new(Vec::<String>::new());
    let picked: RwSignal<Option<&'static Kommun>> = RwSignal::new(None);
    // A kommun picked goes onto the list (once).
    Effect::new(move |_| {
        if let Some(k) = picked.get() {
            chosen_list.update(|l| {
                if !l.contains(&k.code) {
                    l.push(k.code.clone());
                }
            });
        }
    });
    let my_kommun = Memo::new(move |_| assessment.with(|a| a.as_ref().and_then(|a| kommun::by_code(&a.kommun.code))));
    let my_size = Memo::new(move |_| assessment.with(|a| a.as_ref().and_then(|a| a.population).map(SizeGroup::of_population)));
    let selection = Memo::new(move |_| match mode.get() {
        Mode::All => Some(Selection::All),
        Mode::SizeGroup => my_size.get().map(Selection::SizeGroup),
        Mode::Lan => my_kommun.get().map(|k| Selection::Lan(k.lan_code.clone())),
        Mode::List => Selection::kommuner(chosen_list.get()).ok(),
    });
    Choice { mode, chosen_list, picked, my_kommun, my_size, selection }
}

pub(super) fn selection_label(selection: &Selection, lang: Lang) -> String {
    match lang {
        Lang::Sv => selection.label_sv(),
        Lang::En => selection.label_en(),
    }
}

fn size_group_label(group: SizeGroup, lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => group.label_sv(),
        Lang::En => group.label_en(),
    }
}

#[component]
pub(super) fn SelectionChoice(choice: Choice) -> impl IntoView {
    let state = use_app_state();
    let lang = move || state.lang.get();
    let t = move || texts(lang());
    let Choice { mode, my_size, my_kommun, .. } = choice;
    let radio = move |value: Mode, id: &'static str, label: Box<dyn Fn() -> String + Send + Sync>, enabled: Option<Signal<bool>>| {
        view! {
            <div class="choice">
                <input type="radio" name="urval" id=id
                    prop:checked=move || mode.get() == value
                    disabled=move || enabled.is_some_and(|e| !e.get())
                    on:change=move |_| mode.set(value)/>
                <label for=id>{label}</label>
            </div>
        }
    };
    view! {
        <fieldset class="choices">
            <legend>{move || t().compare_with}</legend>
            {radio(Mode::All, "urval-alla", Box::new(move || t().compare_all.to_string()), None)}
            {radio(
                Mode::SizeGroup,
                "urval-storlek",
                Box::new(move || match my_size.get() {
                    Some(g) => (t().compare_size_group)(size_group_label(g, lang())),
                    None => t().compare_size_group_missing.to_string(),
                }),
                Some(Signal::derive(move || my_size.get().is_some())),
            )}
            {radio(
                Mode::Lan,
                "urval-lan",
                Box::new(move || (t().compare_lan)(&my_kommun.get().map(|k| k.lan.clone()).unwrap_or_default())),
                Some(Signal::derive(move || my_kommun.get().is_some())),
            )}
            {radio(Mode::List, "urval-lista", Box::new(move || t().compare_list.to_string()), None)}
        </fieldset>
        <Show when=move || mode.get() == Mode::List>
            <ChosenList choice=choice/>
        </Show>
    }
}

/// The list I choose: a picker and the kommuner chosen, each with a button to remove it.
#[component]
fn ChosenList(choice: Choice) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let Choice { chosen_list, picked, .. } = choice;
    view! {
        <div class="stack">
            <KommunPicker chosen=picked/>
            {move || {
                let list = chosen_list.get();
                if list.is_empty() {
                    return view! { <p class="hint">{t().compare_list_empty}</p> }.into_any();
                }
                let items = list.into_iter().map(|code| {
                    let name = kommun::by_code(&code).map(|k| k.name.clone()).unwrap_or_else(|| code.clone());
                    let remove = code.clone();
                    view! {
                        <li>
                            {name.clone()}" "
                            <button type="button" class="link-button" aria-label=(t().compare_remove)(&name)
                                on:click=move |_| {
                                    chosen_list.update(|l| l.retain(|c| *c != remove));
                                    if picked.get_untracked().is_some_and(|k| k.code == remove) { picked.set(None); }
                                }>
                                {t().delete}
                            </button>
                        </li>
                    }
                }).collect_view();
                view! { <ul class="chosen-kommuner">{items}</ul> }.into_any()
            }}
        </div>
    }
}

//! A choice between two views as a pair of radio buttons in a labelled group (the flower box's
//! own or reference picture, now or with targets). Not printed.

use leptos::prelude::*;

/// `on`: the second choice is taken; `values`: the two radios' values (also what a test or a
/// script sees); the labels are reactive (the language may change).
#[component]
pub fn TwoWaySwitch(
    name: &'static str,
    values: (&'static str, &'static str),
    #[prop(into)] legend: Signal<String>,
    #[prop(into)] off_label: Signal<String>,
    #[prop(into)] on_label: Signal<String>,
    on: RwSignal<bool>,
    /// Told the choice made, after `on` is set (the overview hides the reference picture when
    /// targets are chosen).
    #[prop(optional)]
    on_change: Option<Callback<bool>>,
) -> impl IntoView {
    let choose = move |value: bool| {
        on.set(value);
        if let Some(cb) = on_change {
            cb.run(value);
        }
    };
    view! {
        <fieldset class="fb-switch fb-noprint">
            <legend>{move || legend.get()}</legend>
            <label><input type="radio" name=name value=values.0
                prop:checked=move || !on.get()
                on:change=move |_| choose(false)/>" "{move || off_label.get()}</label>
            <label><input type="radio" name=name value=values.1
                prop:checked=move || on.get()
                on:change=move |_| choose(true)/>" "{move || on_label.get()}</label>
        </fieldset>
    }
}

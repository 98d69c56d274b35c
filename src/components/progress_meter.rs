use leptos::prelude::*;

/// A labelled progress bar with its numbers in words beside it.
#[component]
pub fn ProgressMeter(
    #[prop(into)] answered: Signal<u32>,
    #[prop(into)] total: Signal<u32>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    view! {
        <span class="progress">
            <progress max=move || total.get().max(1) value=move || answered.get() aria-label=move || label.get()></progress>
            <span class="progress-text">{move || label.get()}</span>
        </span>
    }
}

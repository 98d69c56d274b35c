//! A disclosure: a button that shows and hides a panel of more fields (WAI-ARIA disclosure
//! pattern: `aria-expanded` on the button, `aria-controls` naming the panel). In two parts, so
//! the button can sit in a row with other controls and the panel below them. The panel's
//! content exists only while it is open: a page of a hundred closed panels costs nothing.
//!
//! The answering page keeps each indicator's comment and evidence link in one; more fields
//! (e.g. a plan's target and responsible person) go into the same panel as more children.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Disclosure {
    open: RwSignal<bool>,
    panel_id: StoredValue<String>,
}

impl Disclosure {
    /// `panel_id` must be unique on the page; `open` is how it starts (open when its fields
    /// already hold something).
    pub fn new(panel_id: String, open: bool) -> Disclosure {
        Disclosure { open: RwSignal::new(open), panel_id: StoredValue::new(panel_id) }
    }

    pub fn is_open(&self) -> bool {
        self.open.get()
    }
}

/// The button; its children are its label.
#[component]
pub fn DisclosureButton(disclosure: Disclosure, children: Children) -> impl IntoView {
    let open = disclosure.open;
    view! {
        <button type="button" class="disclosure-button" aria-expanded=move || if open.get() { "true" } else { "false" }
            aria-controls=disclosure.panel_id.get_value()
            on:click=move |_| open.update(|o| *o = !*o)>
            <span class="disclosure-marker" aria-hidden="true"></span>
            {children()}
        </button>
    }
}

/// The panel; its children are the fields, built when it opens.
#[component]
pub fn DisclosurePanel(disclosure: Disclosure, children: ChildrenFn) -> impl IntoView {
    let open = disclosure.open;
    view! {
        <div class="disclosure-panel" id=disclosure.panel_id.get_value() hidden=move || !open.get()>
            <Show when=move || open.get()>{children()}</Show>
        </div>
    }
}

//! Custom properties set through the CSSOM rather than a `style` attribute, so that the page
//! works under a Content Security Policy without `'unsafe-inline'` styles (a docs portal's).

use yew::prelude::*;

/// Sets each `(name, value)` on the element behind `node` whenever they change.
#[hook]
pub fn use_css_vars(node: NodeRef, vars: Vec<(&'static str, String)>) {
    use_effect_with(vars, move |vars| {
        if let Some(element) = node.cast::<web_sys::HtmlElement>() {
            let style = element.style();
            for (name, value) in vars {
                let _ = style.set_property(name, value);
            }
        }
    });
}

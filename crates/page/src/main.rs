//! The page's entry point (`covdash-web.js`). On covdash's own page
//! (`<body data-covdash-page>`), mounts the dashboard on `<body>`. Anywhere else the module only
//! exports [`mount`], which `covdash-embed.js` (the `<coverage-dashboard>` element) and
//! embedding pages call. It holds the page and no parser or analysis: those are the core's
//! module (`crates/worker`), loaded in a worker when first needed.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use covdash_page::{App, AppProps, Embed, EmbedOptions};
use covdash_protocol::decimal::shortest;
use covdash_protocol::Key;

fn main() {
    #[cfg(target_arch = "wasm32")]
    console_error_panic_hook::set_once();
    covdash_page::register_properties();
    let page = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .is_some_and(|body| body.has_attribute("data-covdash-page"));
    if page {
        yew::Renderer::<App>::new().render();
    }
}

/// A dashboard mounted by [`mount`].
#[wasm_bindgen]
pub struct Dashboard {
    app: Option<yew::AppHandle<App>>,
}

#[wasm_bindgen]
impl Dashboard {
    /// Shows new data or options: `{src, data, target, goal, theme, metric, sections, compact}`.
    pub fn update(&mut self, options: &JsValue) {
        if let Some(app) = self.app.as_mut() {
            app.update(props(options));
        }
    }

    /// Removes the dashboard and everything it added to the element.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Mounts a dashboard inside `element` (usually a shadow root's container) with `options`:
/// `src` (a URL), `data` (covdash JSON as an object, or any coverage file as text), the settings
/// under their link names ([`Key`]: `target`, `goal`, `tiers`, `groups`, `wins`, `strategy`,
/// `theme` (`light`, `dark`, `auto`), `metric`), `sections` (ids, comma-separated) and `compact`.
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: &JsValue) -> Dashboard {
    let app = yew::Renderer::<App>::with_root_and_props(element, props(options)).render();
    Dashboard { app: Some(app) }
}

fn props(options: &JsValue) -> AppProps {
    let field = |name: &str| -> Option<JsValue> {
        js_sys::Reflect::get(options, &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined() && !v.is_null())
    };
    let text = |name: &str| -> Option<String> {
        let value = field(name)?;
        value.as_string().or_else(|| value.as_f64().map(shortest))
    };
    // Data given as an object is covdash JSON; as text, any format.
    let data = field("data").and_then(|value| {
        value.as_string().or_else(|| js_sys::JSON::stringify(&value).ok().and_then(|s| s.as_string()))
    });
    let compact = field("compact").is_some_and(|v| v.as_bool().unwrap_or(true));
    let embed = Embed::from_attributes(EmbedOptions {
        src: text("src"),
        text: data,
        settings: Key::ALL.into_iter().filter_map(|key| Some((key, text(key.id())?))).collect(),
        sections: text("sections"),
        compact,
        worker: text("worker"),
    });
    AppProps { embed: Some(Rc::new(embed)), ..AppProps::default() }
}

//! The dashboard in a real browser (headless Chromium through wasm-bindgen-test-runner):
//! mounted, read back through its ARIA attributes, and fed files through the same events a
//! person causes by choosing or dropping them.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]
#![cfg(target_arch = "wasm32")]

mod page_session;

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{DataTransfer, DragEvent, DragEventInit, Element, Event, EventInit, File, HtmlInputElement};

use covdash::session::{Batch, Loaded};
use covdash_page::{App, AppProps};

wasm_bindgen_test_configure!(run_in_browser);

const BROKEN: &str =
    "{\n  \"snapshots\": [\n    { \"label\": \"x\", \"packages\": { \"storage\": \"high\" } }\n  ]\n}\n";
const OTHER: &str = r#"{"title": "other project", "snapshots": [{"label": "ci", "packages": {"core": {"covered": 3, "total": 4}, "cli": 40}}]}"#;

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).unwrap()
}

/// Mounts the app showing the sample in a fresh element of its own and waits for the first
/// render. The test's module holds the whole crate, so the app is given a session on the page
/// (where the page's own module would start the core's in a worker, which this page has not).
async fn mount() -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let sample = Loaded {
        name: covdash::sample::FILE_NAME.to_owned(),
        parsed: covdash::sample::parsed().unwrap(),
        modified: None,
    };
    let props = AppProps { initial: Some(page_session::showing(Batch::one(sample))), ..AppProps::default() };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

/// Yields to the browser's event loop once (file reads finish there, not in Yew's scheduler).
async fn next_tick() {
    let promise = Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback(&resolve).unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits, a bounded number of event-loop turns, until `ready` holds; returns whether it did.
async fn settle(ready: impl Fn() -> bool) -> bool {
    for _ in 0..500 {
        yew::scheduler::flush().await;
        if ready() {
            return true;
        }
        next_tick().await;
    }
    false
}

fn bars(root: &Element) -> Vec<(String, String)> {
    // The overall bar and the package bars; the analysis sections below have bars of their own.
    let list = root.query_selector_all(".overall [role=progressbar], .package [role=progressbar]").unwrap();
    (0..list.length())
        .filter_map(|idx| list.item(idx)?.dyn_into::<Element>().ok())
        .map(|bar| {
            (
                bar.get_attribute("aria-label").unwrap_or_default(),
                bar.get_attribute("aria-valuenow").unwrap_or_default(),
            )
        })
        .collect()
}

fn text_of(root: &Element, selector: &str) -> Option<String> {
    root.query_selector(selector).unwrap().and_then(|e| e.text_content())
}

fn file(name: &str, text: &str) -> File {
    let parts = Array::of1(&Uint8Array::from(text.as_bytes()));
    File::new_with_u8_array_sequence(&parts, name).unwrap()
}

fn transfer(files: &[File]) -> DataTransfer {
    let transfer = DataTransfer::new().unwrap();
    for f in files {
        transfer.items().add_with_file(f).unwrap();
    }
    transfer
}

fn choose(root: &Element, files: &[File]) {
    let input: HtmlInputElement = root.query_selector("input[type=file]").unwrap().unwrap().dyn_into().unwrap();
    input.set_files(Some(&transfer(files).files().unwrap()));
    let init = EventInit::new();
    init.set_bubbles(true);
    input.dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
}

fn drop_on(root: &Element, files: &[File]) {
    let target = root.query_selector(".page").unwrap().unwrap();
    let init = DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(&transfer(files)));
    let event = DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_sample_shows_the_overall_bar_and_eight_package_bars_in_order() {
    let root = mount().await;
    let values: Vec<String> = bars(&root).into_iter().map(|(_, v)| v).collect();
    assert_eq!(values, ["81.1", "90.9", "89.8", "86.5", "86.2", "78.3", "77.4", "71.7", "68.1"]);
    let tiers: Vec<String> = {
        let list = root.query_selector_all(".package .tier__name").unwrap();
        (0..list.length()).filter_map(|i| list.item(i)?.text_content()).collect()
    };
    assert_eq!(tiers, ["Elite", "Excellent", "Excellent", "Excellent", "Good", "Good", "OK", "Needs work"]);
    assert_eq!(text_of(&root, ".page__title").as_deref(), Some("modelscan — test coverage sprint"));
}

#[wasm_bindgen_test]
async fn a_broken_file_shows_where_it_is_broken_and_keeps_the_dashboard() {
    let root = mount().await;
    let before = bars(&root);
    choose(&root, &[file("broken.json", BROKEN)]);
    assert!(settle(|| text_of(&root, "[role=alert]").is_some()).await, "no error banner appeared");
    let message = text_of(&root, "[role=alert] .banner__message").unwrap();
    assert_eq!(
        message,
        "broken.json: line 3, column 51: snapshots[0].packages.storage: invalid type: string \"high\", expected a percentage, {\"covered\": n, \"total\": n}, or figures per metric"
    );
    assert_eq!(bars(&root), before);

    // Dismissing the banner removes it and nothing else.
    let close: web_sys::HtmlElement = root.query_selector(".banner__close").unwrap().unwrap().dyn_into().unwrap();
    close.click();
    assert!(settle(|| text_of(&root, "[role=alert]").is_none()).await, "the banner stayed");
    assert_eq!(bars(&root), before);
}

#[wasm_bindgen_test]
async fn a_dropped_file_replaces_the_dashboard() {
    let root = mount().await;
    drop_on(&root, &[file("other.json", OTHER)]);
    assert!(
        settle(|| text_of(&root, ".page__title").as_deref() == Some("other project")).await,
        "the dashboard was not replaced"
    );
    let expected: Vec<(String, String)> = [("Overall coverage", "57.5"), ("core", "75"), ("cli", "40")]
        .into_iter()
        .map(|(l, v)| (l.to_owned(), v.to_owned()))
        .collect();
    assert_eq!(bars(&root), expected);
    assert_eq!(text_of(&root, ".page__file").as_deref(), Some("other.json"));
    assert!(text_of(&root, "[role=alert]").is_none());
}

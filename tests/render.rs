//! The page rendered natively with Yew's server renderer: the markup a browser first receives
//! and the accessibility attributes on it, checked without a browser.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]

use std::rc::Rc;

use covdash::ui::state::{Batch, Loaded};
use covdash::ui::{App, AppProps};
use yew::LocalServerRenderer;

fn render(props: AppProps) -> String {
    futures::executor::block_on(LocalServerRenderer::<App>::with_props(props).render())
}

/// The value of every `name="…"` attribute in `html`, in document order.
fn attribute_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .filter_map(|(idx, _)| {
            let rest = &html[idx + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// The opening tags of the progress bars in `html`.
fn progressbars(html: &str) -> Vec<&str> {
    html.split('<')
        .filter(|tag| tag.contains("role=\"progressbar\""))
        .map(|tag| tag.split('>').next().unwrap_or(tag))
        .collect()
}

#[test]
fn the_sample_renders_one_progressbar_per_package_in_descending_order() {
    let html = render(AppProps::default());
    let bars = progressbars(&html).join(" ");
    let labels = attribute_values(&bars, "aria-label");
    let values = attribute_values(&bars, "aria-valuenow");
    assert_eq!(progressbars(&html).len(), 9);
    // The first bar is the overall figure, then one per package.
    assert_eq!(
        labels,
        [
            "Overall coverage",
            "sdk/ratelimit",
            "sdk/stream",
            "sdk/agent",
            "sdk/router",
            "storage",
            "sdk/storage",
            "sdk/cli",
            "providers"
        ]
    );
    assert_eq!(values, ["81.1", "90.9", "89.8", "86.5", "86.2", "78.3", "77.4", "71.7", "68.1"]);
    assert!(attribute_values(&html, "aria-valuemin").iter().all(|v| *v == "0"));
    assert!(attribute_values(&html, "aria-valuemax").iter().all(|v| *v == "100"));
    let texts = attribute_values(&html, "aria-valuetext");
    assert_eq!(texts[4], "86.2%, Excellent");
    assert_eq!(texts[8], "68.1%, Needs work");
    assert!(html.contains("mean of 8 packages, no statement counts"));
    assert!(html.contains(">Choose files<"));
    assert!(html.contains("type=\"file\""));
}

#[test]
fn package_names_are_escaped_text() {
    let json = br#"{"snapshots": [{"label": "<b>bold</b>", "packages": {"<img src=x onerror=alert(1)>": 50}}]}"#;
    let parsed = covdash::formats::parse(json).unwrap();
    let loaded = Loaded { source: "evil.json".into(), parsed, modified: None };
    let html = render(AppProps { initial: Some(Rc::new(Batch::one(loaded))) });
    assert!(!html.contains("<img"), "a package name became markup:\n{html}");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!html.contains("<b>bold"));
}

#[test]
fn a_package_with_nothing_to_count_has_no_value() {
    let json = br#"{"snapshots": [{"label": "x", "packages": {"empty": {"covered": 0, "total": 0}}}]}"#;
    let loaded = Loaded { source: "x.json".into(), parsed: covdash::formats::parse(json).unwrap(), modified: None };
    let html = render(AppProps { initial: Some(Rc::new(Batch::one(loaded))) });
    // Neither the overall bar nor the package bar claims a value: both are n/a.
    assert!(attribute_values(&html, "aria-valuenow").is_empty(), "{html}");
    assert_eq!(attribute_values(&html, "aria-valuetext"), ["n/a", "n/a"]);
    assert!(html.contains("no data"));
}

//! The page rendered natively with Yew's server renderer: the markup a browser first receives
//! and the accessibility attributes on it, checked without a browser.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is a failed test")]

mod page_session;

use covdash::session::{Batch, Loaded};
use covdash_page::{App, AppProps};
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

/// The page up to the analysis sections: the overall card and the packages.
fn above_sections(html: &str) -> &str {
    html.split("<div class=\"sections\"").next().unwrap_or(html)
}

#[test]
fn the_sample_renders_one_progressbar_per_package_in_descending_order() {
    let page = render(AppProps::default());
    let html = above_sections(&page);
    let bars = progressbars(html).join(" ");
    let labels = attribute_values(&bars, "aria-label");
    let values = attribute_values(&bars, "aria-valuenow");
    assert_eq!(progressbars(html).len(), 9);
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
    assert!(attribute_values(html, "aria-valuemin").iter().all(|v| *v == "0"));
    assert!(attribute_values(html, "aria-valuemax").iter().all(|v| *v == "100"));
    // The trend's slider first, then the overall bar and the packages'.
    let texts = attribute_values(html, "aria-valuetext");
    assert!(texts[0].starts_with("Final · "), "{}", texts[0]);
    assert_eq!(texts[5], "86.2%, Excellent");
    assert_eq!(texts[9], "68.1%, Needs work");
    assert!(html.contains("mean of 8 packages, no statement counts"));
    assert!(html.contains(">Choose files<"));
    assert!(html.contains("type=\"file\""));
}

#[test]
fn package_names_are_escaped_text() {
    let json = br#"{"snapshots": [{"label": "<b>bold</b>", "packages": {"<img src=x onerror=alert(1)>": 50}}]}"#;
    let parsed = covdash::formats::parse(json).unwrap();
    let loaded = Loaded { name: "evil.json".into(), parsed, modified: None };
    let html = render(AppProps { initial: Some(page_session::showing(Batch::one(loaded))), ..AppProps::default() });
    assert!(!html.contains("<img"), "a package name became markup:\n{html}");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!html.contains("<b>bold"));
}

#[test]
fn a_package_with_nothing_to_count_has_no_value() {
    let json = br#"{"snapshots": [{"label": "x", "packages": {"empty": {"covered": 0, "total": 0}}}]}"#;
    let loaded = Loaded { name: "x.json".into(), parsed: covdash::formats::parse(json).unwrap(), modified: None };
    let page = render(AppProps { initial: Some(page_session::showing(Batch::one(loaded))), ..AppProps::default() });
    let html = above_sections(&page);
    // Neither the overall bar nor the package bar claims a value: both are n/a.
    assert!(attribute_values(html, "aria-valuenow").is_empty(), "{html}");
    assert_eq!(attribute_values(html, "aria-valuetext"), ["n/a", "n/a"]);
    assert!(html.contains("no data"));
}

#[test]
fn every_section_of_the_sample_is_a_labelled_section() {
    let html = render(AppProps::default());
    let headings: Vec<&str> = html
        .match_indices("class=\"card__heading\">")
        .map(|(idx, m)| {
            let rest = &html[idx + m.len()..];
            &rest[..rest.find('<').unwrap()]
        })
        .collect();
    assert_eq!(
        headings,
        [
            "Coverage over time",
            "Overall coverage",
            "Packages by coverage",
            "Where the uncovered code is",
            "Overall progress",
            "Wins",
            "Tests",
            "Distance to target",
            "Time to target",
            "Distribution",
            "Readiness by group",
            "Achievements",
            "Momentum",
            "Goal",
            "Summary",
            "Recommendations"
        ]
    );
    for id in ["progress", "time-to-target", "recommendations"] {
        assert!(html.contains(&format!("aria-labelledby=\"{id}-heading\"")), "{id}");
    }
    // The time estimates, and how they are made, on demand.
    assert!(html.contains("30 min – 1.1 h"));
    assert!(html.contains("<summary>How is this estimated?</summary>"));
}

#[test]
fn sections_the_data_cannot_support_say_why() {
    let json = br#"{"snapshots": [{"label": "x", "packages": {"a": 95}}]}"#;
    let loaded = Loaded { name: "x.json".into(), parsed: covdash::formats::parse(json).unwrap(), modified: None };
    let html = render(AppProps { initial: Some(page_session::showing(Batch::one(loaded))), ..AppProps::default() });
    // Gathered in one card, a line each: the section's name and the reason.
    let missing = html
        .split("<h2 id=\"not-shown-heading\" class=\"card__heading\">Not shown</h2>")
        .nth(1)
        .expect("no Not shown card");
    for (title, reason) in [
        ("Wins", "one snapshot only: wins are gains between snapshots"),
        ("Distance to target", "every package has reached the target"),
    ] {
        assert!(
            missing.contains(&format!(
                "<span class=\"missing__title\">{title}</span> <span class=\"empty\">{reason}</span>"
            )),
            "{missing}"
        );
    }
    assert!(!html.contains("Not shown: "), "a section's own card says only that it is not shown");
}

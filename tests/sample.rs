//! The sample's first view, which the page shows without a session, is what the session
//! answers.

use covdash::sample::Prepared;

const KEPT: &str = "samples/modelscan-session.view.json";

/// The kept view must equal the session's answer. When it does not, the test fails on every run
/// until the file is regenerated on purpose, as snapshots are blessed: `UPDATE_EXPECT=1 cargo
/// test --test sample` (then commit the file).
#[test]
fn the_sample_s_kept_view_is_the_session_s_answer() {
    let answered = covdash::sample::answer_sample().expect("the sample parses");
    let mut json = serde_json::to_string(&answered).expect("a view serialises");
    json.push('\n');
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(KEPT);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &json).expect("the kept view is writable");
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == json,
        "{KEPT} is out of date: what the page shows first is no longer what the session answers; \
         regenerate it with `UPDATE_EXPECT=1 cargo test --test sample` and commit it"
    );
    // What the page reads back is what the session answered.
    assert_eq!(Prepared::sample().expect("the kept view reads"), answered);
}

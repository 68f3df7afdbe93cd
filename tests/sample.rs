//! The sample's first view, which the page shows without a session, is what the session
//! answers.

use covdash::sample::Prepared;

const KEPT: &str = "samples/modelscan-session.view.json";

/// Rewrites the kept view when it differs from the session's answer, and fails: run the test
/// again (and commit the file) after a change to what the dashboard shows.
#[test]
fn the_sample_s_kept_view_is_the_session_s_answer() {
    let answered = Prepared::answer_sample().expect("the sample parses");
    let mut json = serde_json::to_string(&answered).expect("a view serialises");
    json.push('\n');
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(KEPT);
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    if kept != json {
        std::fs::write(&path, &json).expect("the kept view is writable");
        panic!("{KEPT} was out of date and has been rewritten: run the tests again");
    }
    // What the page reads back is what the session answered.
    assert_eq!(Prepared::sample().expect("the kept view reads"), answered);
}

//! The sample's first view, which the page shows without a session, is what the session
//! answers.

use covdash::sample::Prepared;

/// What the page reads (the wire's encoding), and the same as JSON, for people to read in a
/// review.
const KEPT: [&str; 2] = ["samples/modelscan-session.view.bin", "samples/modelscan-session.view.json"];

/// The kept view must equal the session's answer. When it does not, the test fails on every run
/// until the files are regenerated on purpose, as snapshots are blessed: `UPDATE_EXPECT=1 cargo
/// test --test sample` (then commit them).
#[test]
fn the_sample_s_kept_view_is_the_session_s_answer() {
    let answered = covdash::sample::answer_sample().expect("the sample parses");
    let mut json = serde_json::to_vec(&answered).expect("a view serialises");
    json.push(b'\n');
    let wire = postcard::to_allocvec(&answered).expect("a view encodes");
    for (kept, bytes) in KEPT.into_iter().zip([wire, json]) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(kept);
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&path, &bytes).expect("the kept view is writable");
        }
        assert!(
            std::fs::read(&path).unwrap_or_default() == bytes,
            "{kept} is out of date: what the page shows first is no longer what the session answers; \
             regenerate it with `UPDATE_EXPECT=1 cargo test --test sample` and commit it"
        );
    }
    // What the page reads back is what the session answered (the page's module holds the file
    // as it was when it was built: after regenerating, the next build reads the new one).
    if std::env::var_os("UPDATE_EXPECT").is_none() {
        assert_eq!(Prepared::sample().expect("the kept view reads"), answered);
    }
}

//! The static report: one self-contained HTML file (inline CSS, no JavaScript) with the same
//! sections as the page, for portals that run no scripts. Every text from the data is escaped.

use std::fmt::Write as _;

use super::super::sections::{all_sections, AsText};
use super::super::source::Annotated;
use crate::analysis::Analysis;
use covdash_protocol::decimal::shortest;
use covdash_protocol::escape::escape_markup as esc;
use covdash_protocol::format::format_count;
use covdash_protocol::line_mark;
use covdash_protocol::view::DashboardView;
use covdash_protocol::Section;
use covdash_protocol::SectionBody;
use covdash_protocol::Tone;

/// A bar: the value as the fill's width, and its ARIA description.
fn bar(out: &mut String, label: &str, value: Option<f64>, value_text: &str, tone: Option<Tone>) {
    let width = shortest(value.unwrap_or(0.0).clamp(0.0, 100.0));
    let now = value.map(|v| format!(" aria-valuenow=\"{}\"", shortest(v))).unwrap_or_default();
    let _ = write!(
        out,
        "<div class=\"bar {}\" role=\"progressbar\" aria-label=\"{}\" aria-valuemin=\"0\" aria-valuemax=\"100\"{now} aria-valuetext=\"{}\"><div style=\"width:{width}%\"></div></div>",
        Tone::class(tone),
        esc(label),
        esc(value_text)
    );
}

const STYLE: &str = r#"
:root{color-scheme:light dark;--bg:#f4f6f9;--surface:#fff;--text:#18202b;--muted:#4d5a6a;--border:#d5dbe3;--track:#e3e8ee;
--top:#0b63c4;--high:#0a7f86;--middle:#7d6a00;--low:#b35300;--bottom:#b4233c;--none:#5b6472}
@media (prefers-color-scheme:dark){:root{--bg:#0f1319;--surface:#171c24;--text:#e6ebf2;--muted:#a3afbf;--border:#2c3542;
--track:#2a323e;--top:#62aaf2;--high:#33c1c9;--middle:#cbb933;--low:#f0944a;--bottom:#f26d80;--none:#6b7788}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--text);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:72rem;margin:0 auto;padding:1.5rem 1rem 3rem;display:grid;gap:1rem}
h1{margin:0;font-size:1.6rem}h2{margin:0 0 .75rem;font-size:1.05rem}.sub{margin:0;color:var(--muted)}h1,.sub{overflow-wrap:anywhere}
section{background:var(--surface);border:1px solid var(--border);border-radius:10px;padding:1rem 1.25rem;min-width:0}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,26rem),1fr));gap:1rem}
ul.rows{list-style:none;margin:0;padding:0}ul.rows li{display:grid;grid-template-columns:minmax(6rem,12rem) minmax(4rem,1fr) auto auto;gap:.75rem;align-items:center;padding:.4rem 0;border-top:1px solid var(--border)}
ul.rows li:first-child{border-top:0}
@media (max-width:40rem){ul.rows li{grid-template-columns:minmax(0,1fr) auto}ul.rows .bar{grid-column:1/-1;grid-row:2}
ul.rows li>.note{grid-column:1/-1}}.name,.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
.name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.code{overflow-wrap:anywhere}.file{display:block}
.fig{font-weight:650;text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.note{font-size:.8rem;color:var(--muted)}
.bar{height:.6rem;border-radius:99px;background:var(--track);overflow:hidden}.bar>div{height:100%;border-radius:99px;background:var(--none)}
.tone-top>div{background:var(--top)}.tone-high>div{background:var(--high)}.tone-middle>div{background:var(--middle)}.tone-low>div{background:var(--low)}.tone-bottom>div{background:var(--bottom)}
dl{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.5rem 1rem;margin:0}dt{color:var(--muted);font-size:.8rem}dd{margin:0;font-weight:650}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.35rem .5rem .35rem 0;border-top:1px solid var(--border);vertical-align:top}
.empty{color:var(--muted);margin:0}ol{margin:0;padding-left:1.4rem}ol li{margin:.3rem 0}section>ul:not(.rows){list-style:none;margin:0;padding:0}
details{border-top:1px solid var(--border);padding:.35rem 0}summary{cursor:pointer}.src{overflow:auto;max-height:40rem;margin-top:.5rem}
.src table{width:auto;min-width:100%;font:12.5px/1.55 ui-monospace,Menlo,Consolas,monospace}.src td{border:0;padding:0 .6rem 0 0;white-space:pre;vertical-align:baseline}
.src .n,.src .h{color:var(--muted);text-align:right}.src .t{tab-size:4;unicode-bidi:isolate}.src .m{font-weight:700;text-align:center}
.src .covered{background:color-mix(in srgb,var(--high) 16%,transparent)}.src .partial{background:color-mix(in srgb,var(--middle) 20%,transparent)}
.src .uncovered{background:color-mix(in srgb,var(--bottom) 16%,transparent)}.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
@media print{body{background:#fff;color:#000}section{break-inside:avoid}.bar,.bar>div{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
"#;

/// What the HTML report lays out beside the analysis: the dashboard's head (the title, the
/// overall figure, every package's row) and the files opened to their lines.
#[derive(Debug, Clone, Copy)]
pub struct HtmlParts<'a> {
    /// The dashboard of the snapshot analysed ([`super::super::dashboard`]).
    pub dashboard: &'a DashboardView,
    /// The files whose source is at hand, each annotated line by line below the sections.
    pub files: &'a Annotated,
}

/// The static report of `analysis`, as the page would show its snapshot, with its `parts`.
pub fn html(analysis: &Analysis, parts: HtmlParts<'_>) -> String {
    let (view, files, since) = (parts.dashboard, parts.files, analysis.since.as_ref());
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{} · covdash</title><style>{STYLE}</style></head><body><main>",
        esc(&view.title)
    );
    let _ = write!(
        out,
        "<header><h1>{}</h1><p class=\"sub\">from {} · {}",
        esc(&view.title),
        esc(&view.names),
        esc(&view.snapshot_label)
    );
    if let Some(time) = &view.snapshot_time {
        let _ = write!(out, " · {}", esc(time));
    }
    out.push_str("</p>");
    // The change since a history's previous snapshot, when one was given.
    if let Some(change) = since {
        let _ = write!(
            out,
            "<p class=\"since\"><strong>{}</strong></p>",
            esc(&super::super::phrases::since(change, change.earlier()))
        );
    }
    if let Some(left_out) = &analysis.left_out {
        let said = super::super::phrases::left_out(left_out, &|g| g.to_owned());
        let _ = write!(out, "<p class=\"sub\">{}</p>", esc(&said));
    }
    out.push_str("</header>");

    // The overall figure and the packages.
    let overall = &view.overall;
    let _ = write!(
        out,
        "<section aria-labelledby=\"overall\"><h2 id=\"overall\">Overall coverage: {}</h2>",
        esc(&overall.text)
    );
    bar(&mut out, "Overall coverage", overall.value, &overall.text, overall.tier.as_ref().map(|t| t.tone));
    let _ = write!(out, "<p class=\"note\">{}</p></section>", esc(&overall.method));
    out.push_str(
        "<section aria-labelledby=\"packages\"><h2 id=\"packages\">Packages by coverage</h2><ul class=\"rows\">",
    );
    for row in view.packages.iter() {
        let _ = write!(out, "<li><span class=\"name\" title=\"{}\">{}</span>", esc(&row.full_name), esc(&row.name));
        let tier = row.tier.as_ref().map_or("no data", |t| t.name.as_str());
        bar(&mut out, &row.name, row.value, &format!("{}, {tier}", row.text), row.tier.as_ref().map(|t| t.tone));
        let _ = write!(
            out,
            "<span class=\"fig\">{}</span><span class=\"note\">{}{}</span></li>",
            esc(&row.text),
            esc(tier),
            row.counts.as_ref().map(|c| format!(" · {}", esc(c))).unwrap_or_default()
        );
    }
    out.push_str("</ul></section><div class=\"grid\">");

    for section in all_sections(analysis, &AsText).into_iter().filter(|s| !s.is(Section::Packages)) {
        let _ =
            write!(out, "<section aria-labelledby=\"{0}\"><h2 id=\"{0}\">{1}</h2>", section.id(), esc(section.title()));
        match &section.body {
            SectionBody::Bars { rows, footer } => {
                out.push_str("<ul class=\"rows\">");
                for row in rows {
                    let _ = write!(out, "<li><span class=\"name\">{}</span>", esc(&row.name));
                    bar(&mut out, &row.name, row.value, &row.value_text, row.tone);
                    let _ = write!(
                        out,
                        "<span class=\"fig\">{}</span><span class=\"note\">{}{}</span></li>",
                        esc(&row.text),
                        esc(row.note.as_deref().unwrap_or("")),
                        row.detail.as_ref().map(|d| format!("<br>{}", esc(d))).unwrap_or_default()
                    );
                }
                out.push_str("</ul>");
                if let Some(footer) = footer {
                    let _ = write!(out, "<p class=\"note\">{}</p>", esc(footer));
                }
            }
            SectionBody::Facts(facts) => {
                out.push_str("<dl>");
                for fact in facts {
                    let _ = write!(out, "<div><dt>{}</dt><dd>{}</dd></div>", esc(&fact.label), esc(&fact.value));
                }
                out.push_str("</dl>");
            }
            SectionBody::List(items) => {
                out.push_str("<ul>");
                for item in items {
                    let _ = write!(out, "<li>✓ {}</li>", esc(item));
                }
                out.push_str("</ul>");
            }
            SectionBody::Eta { rows, total, method } => {
                out.push_str("<table><thead><tr><th>Package</th><th>Estimate</th><th>Pace</th></tr></thead><tbody>");
                for row in rows {
                    let _ = write!(
                        out,
                        "<tr><th scope=\"row\" class=\"code\">{}</th><td>{}</td><td class=\"note\">{}</td></tr>",
                        esc(&row.name),
                        esc(&row.estimate.to_string()),
                        esc(&row.basis)
                    );
                }
                out.push_str("</tbody>");
                if let Some(total) = total {
                    let _ = write!(
                        out,
                        "<tfoot><tr><th>Total</th><td colspan=\"2\">{}</td></tr></tfoot>",
                        esc(&total.to_string())
                    );
                }
                let _ = write!(
                    out,
                    "</table><details><summary>How is this estimated?</summary><p class=\"note\">{}</p></details>",
                    esc(method)
                );
            }
            SectionBody::Recommendations { strategy, rows, .. } => {
                let _ = write!(out, "<p class=\"note\">{}</p><ol>", esc(strategy));
                for row in rows {
                    let _ = write!(
                        out,
                        "<li><strong class=\"code\">{}</strong> {}<br><span class=\"note\">{}</span>",
                        esc(&row.name),
                        esc(&row.percent),
                        esc(&row.reason)
                    );
                    for file in &row.files {
                        let _ = write!(out, "<span class=\"note code file\">{}</span>", esc(&file.text));
                    }
                    out.push_str("</li>");
                }
                out.push_str("</ol>");
            }
            SectionBody::Unavailable(reason) => {
                let _ = write!(out, "<p class=\"empty\">Not shown: {}.</p>", esc(reason));
            }
        }
        out.push_str("</section>");
    }
    out.push_str("</div>");
    annotated(&mut out, files);
    out.push_str("</main></body></html>\n");
    out
}

/// A line of source with its tabs as spaces, to the next multiple of four columns: the report
/// writes no control character, a tab included.
fn expand_tabs(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\t') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut column = 0;
    for c in text.chars() {
        if c == '\t' {
            let n = 4 - column % 4;
            out.extend(std::iter::repeat_n(' ', n));
            column += n;
        } else {
            out.push(c);
            column += 1;
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Each file's source, line by line: its number, its mark in glyph and words, how often it ran,
/// its text and what the report says of it. Closed `<details>`, so a long report stays short.
fn annotated(out: &mut String, annotated: &Annotated) {
    let files = &annotated.files;
    if files.is_empty() {
        return;
    }
    let shown = match (files.len(), annotated.n_with_source) {
        (1, 1) => "1 file".to_owned(),
        (n, all) if n == all => format!("{} files", format_count(n as u64)),
        (n, all) => format!("The {} of the {} files", format_count(n as u64), format_count(all as u64)),
    };
    let _ = write!(
        out,
        "<section aria-labelledby=\"files\"><h2 id=\"files\">Files, line by line</h2><p class=\"note\">{shown} with \
         their source, most lines not covered first. ✓ covered · ◐ partly covered · ✗ not covered.</p>"
    );
    for file in files {
        let _ = write!(
            out,
            "<details><summary><span class=\"code\">{}</span> <span class=\"note\">{}</span></summary>",
            esc(&file.name),
            esc(&file.summary)
        );
        if let Some(mismatch) = &file.mismatch {
            let _ = write!(out, "<p class=\"note\">Careful: {}.</p>", esc(mismatch));
        }
        out.push_str("<div class=\"src\"><table><tbody>");
        for line in file.lines.iter() {
            let (class, glyph, words) = line.state.map(line_mark).unwrap_or(("", "", ""));
            let note: Vec<&str> = [line.branches.as_deref(), line.note.as_deref()].into_iter().flatten().collect();
            let _ = write!(
                out,
                "<tr class=\"{class}\"><td class=\"n\">{}</td><td class=\"m\"><span aria-hidden=\"true\">{glyph}</span>\
                 <span class=\"vh\">{words}</span></td><td class=\"h\">{}</td><td class=\"t\">{}</td><td class=\"note\">{}</td></tr>",
                line.number,
                line.hits.as_deref().unwrap_or(""),
                esc(&expand_tabs(&line.text)),
                esc(&note.join(" · "))
            );
        }
        out.push_str("</tbody></table></div></details>");
    }
    out.push_str("</section>");
}

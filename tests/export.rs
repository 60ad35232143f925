//! Exports: the SVG is well-formed XML with one path per series and its axis
//! labels as text, the PNG has the requested size, the CSV holds the series
//! drawn, the report is one self-contained file with one inline SVG per
//! view, and (where Chromium is installed, as in CI) a real browser renders
//! the report.

// Tests may unwrap: a panic here is a failing test, not a crash on user input.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use diverge::experiments::montecarlo::monte_carlo;
use diverge::experiments::{Tracker, thread_pool};
use diverge::export::{self, Meta};
use diverge::scenario::presets::load_preset;
use diverge::sim::Results;
use diverge::views::Tab;

fn baseline() -> (diverge::scenario::Scenario, Results) {
    let s = load_preset("baseline-2009-2040").unwrap();
    let r = diverge::sim::run(&s, s.seed, |_, _| std::ops::ControlFlow::Continue(())).unwrap();
    (s, r)
}

fn meta(s: &diverge::scenario::Scenario, runs: usize) -> Meta {
    Meta { scenario: s.name.clone(), seed: s.seed, runs }
}

fn diverge(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_diverge")).args(args).output().expect("the binary runs")
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

#[test]
fn the_svg_is_xml_with_a_path_per_series_and_axis_labels_as_text() {
    let (s, r) = baseline();
    for tab in Tab::ALL {
        let view = export::view(tab, &r, None);
        let svg = export::svg::view_svg(&view, &meta(&s, 1), 1200, 800);
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{}: {e}", tab.slug()));
        let series: usize = view.charts.iter().map(|c| c.series.len()).sum();
        assert!(series >= 2, "{}: the view draws series", tab.slug());
        let paths: Vec<_> =
            doc.descendants().filter(|n| n.has_tag_name("path") && n.attribute("class") == Some("series")).collect();
        assert_eq!(paths.len(), series, "{}: one path per series", tab.slug());
        assert!(paths.iter().all(|p| p.attribute("d").is_some_and(|d| d.starts_with('M') && d.contains('L'))));
        let texts: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).collect();
        for chart in &view.charts {
            assert!(texts.contains(&chart.title), "{}: title {}", tab.slug(), chart.title);
        }
        assert!(texts.contains(&"2020"), "{}: time-axis labels are text", tab.slug());
        assert!(texts.iter().any(|t| t.starts_with("Diverge ") && t.contains(&s.name)), "the source line");
    }
    let view = export::view(Tab::HashEconomics, &r, None);
    let svg = export::svg::view_svg(&view, &meta(&s, 1), 1200, 800);
    assert!(svg.contains(">EH/s (log)</text>"), "the value axis names its unit");
    assert!(svg.contains(">1 k</text>") || svg.contains(">100</text>"), "log ticks labelled as in the window");
}

#[test]
fn series_keep_the_window_colours() {
    let (s, r) = baseline();
    let view = export::view(Tab::Overview, &r, None);
    let svg = export::svg::view_svg(&view, &meta(&s, 1), 1200, 800);
    // Mining entities are vermillion and AI blue on every plot.
    assert!(svg.contains(r#"data-key="nakamoto_entity" d=""#));
    let path_of = |key: &str| {
        let at = svg.find(&format!(r#"data-key="{key}""#)).unwrap();
        svg[at..at + svg[at..].find("<title>").unwrap()].to_owned()
    };
    assert!(path_of("nakamoto_entity").contains(r##"stroke="#d55e00""##));
    assert!(path_of("ai_edge_share").contains(r##"stroke="#0072b2""##));
}

#[test]
fn monte_carlo_bands_are_drawn_around_each_line() {
    let (s, r) = baseline();
    let pool = thread_pool(Some(2)).unwrap();
    let bands = monte_carlo(&s, s.seed, 4, &pool, &Tracker::new()).unwrap();
    let view = export::view(Tab::HashEconomics, &r, Some(&bands));
    let svg = export::svg::view_svg(&view, &meta(&s, 4), 1200, 800);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let count = |class: &str| doc.descendants().filter(|n| n.attribute("class") == Some(class)).count();
    assert_eq!(count("band p5-p95"), 4, "one outer band per series");
    assert_eq!(count("band p25-p75"), 4, "one inner band per series");
    assert!(svg.contains("4 runs"), "the source line says how many runs");
    let spread = view.charts[0].series[0].spread.as_ref().unwrap();
    assert!(spread.p5.iter().zip(&spread.p95).all(|(a, b)| a <= b || a.is_nan() || b.is_nan()), "p5 never above p95");
}

#[test]
fn the_png_has_the_requested_size() {
    let (s, r) = baseline();
    let view = export::view(Tab::Overview, &r, None);
    let svg = export::svg::view_svg(&view, &meta(&s, 1), 800, 500);
    let png = export::png::render(&svg, 1600, 1000).unwrap();
    assert_eq!(png_size(&png), (1600, 1000));
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
    let coloured = pixmap.pixels().iter().filter(|p| p.red() != p.green() || p.green() != p.blue()).count();
    assert!(coloured > 5_000, "the series are drawn in colour: {coloured} coloured pixels");
}

#[test]
fn the_report_is_self_contained_with_one_svg_per_view() {
    let (s, r) = baseline();
    let views = export::all_views(&r, None);
    let baseline = load_preset("baseline-2009-2040").unwrap();
    let mut other = load_preset("us-energy-shock").unwrap();
    let other_run = diverge::sim::run(&other, other.seed, |_, _| std::ops::ControlFlow::Continue(())).unwrap();
    other.notes = "A <note> & more".into();
    let m = meta(&s, 1);
    let html = export::report::report_html(&export::report::ReportInput {
        scenario: &s,
        baseline: &baseline,
        results: &r,
        views: &views,
        meta: &m,
        command: "diverge report baseline-2009-2040 --out r.html",
    });
    assert_eq!(html.matches("<svg").count(), views.len());
    assert_eq!(views.len(), Tab::ALL.len());
    for forbidden in ["http:", "https:", "src=", "href=", "<link", "<script", "@import"] {
        assert!(!html.contains(forbidden), "external reference {forbidden}");
    }
    assert_eq!(html.matches("url(").count(), html.matches("url(#").count(), "only references inside the file");
    assert!(html.contains("No parameter differs"));
    assert!(html.contains("fnv1a64:"), "the content hash");
    assert!(html.contains("Edge inference passes 50 %"));
    let other_views = export::all_views(&other_run, None);
    let html = export::report::report_html(&export::report::ReportInput {
        scenario: &other,
        baseline: &baseline,
        results: &other_run,
        views: &other_views,
        meta: &meta(&other, 1),
        command: "diverge report us-energy-shock --out r.html",
    });
    assert!(html.contains("&lt;note&gt; &amp; more"), "notes are escaped");
    assert!(html.contains("difference(s) from the baseline"), "the differences are listed");
    assert!(html.contains("Largest mining region before and 12 months after"));
}

#[test]
fn plot_lists_the_view_names_and_writes_each_format() {
    let help = String::from_utf8(diverge(&["plot", "--help"]).stdout).unwrap();
    for tab in Tab::ALL {
        assert!(help.contains(tab.slug()), "{} in --help:\n{help}", tab.slug());
    }
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let out = diverge(&["plot", "baseline-2009-2040", "--view", "geography", "--out", &file("g.svg")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    roxmltree::Document::parse(&std::fs::read_to_string(file("g.svg")).unwrap()).unwrap();
    let args = ["plot", "baseline-2009-2040", "--view", "ai", "--width", "640", "--height", "480", "--scale", "2"];
    let out = diverge(&[&args[..], &["--out", &file("a.png")]].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(png_size(&std::fs::read(file("a.png")).unwrap()), (1280, 960));
    let out = diverge(&["plot", "baseline-2009-2040", "--view", "energy", "--out", &file("e.csv")]);
    assert!(out.status.success());
    let csv = std::fs::read_to_string(file("e.csv")).unwrap();
    assert!(csv.starts_with("month,power_gw,ai_cloud_power_gw,ai_edge_power_gw,"), "{}", &csv[..80]);
    assert_eq!(csv.lines().count(), 1 + 384, "a header and one row per month");
    let bad = diverge(&["plot", "baseline-2009-2040", "--view", "ai", "--plot", "nope", "--out", &file("x.svg")]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("ai.edge"), "lists the plots of the view");
    let bad = diverge(&["plot", "baseline-2009-2040", "--view", "ai", "--out", &file("x.gif")]);
    assert_eq!(bad.status.code(), Some(2));
}

/// Where Chromium is (Debian's package), if installed.
fn chromium() -> Option<&'static Path> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"].into_iter().map(Path::new).find(|p| p.exists())
}

#[test]
fn headless_chromium_renders_the_report() {
    let Some(browser) = chromium() else {
        eprintln!("chromium is not installed: skipping the browser check (CI installs it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    let out = diverge(&["report", "us-energy-shock", "--out", html.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shot = dir.path().join("shot.png");
    let status = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,2400"])
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", html.display()))
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(shot.exists(), "chromium wrote a screenshot: {}", String::from_utf8_lossy(&status.stderr));
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&std::fs::read(&shot).unwrap()).unwrap();
    assert_eq!((pixmap.width(), pixmap.height()), (1200, 2400));
    let coloured = pixmap.pixels().iter().filter(|p| p.red() != p.green() || p.green() != p.blue()).count();
    assert!(coloured > 10_000, "the charts are drawn in colour: {coloured} coloured pixels");
    let dark = pixmap.pixels().iter().filter(|p| p.red() < 80 && p.green() < 80 && p.blue() < 80).count();
    assert!(dark > 5_000, "the text is drawn: {dark} dark pixels");
}

#[test]
fn an_annotation_is_exported_as_text_with_its_line_and_a_dot_on_its_series() {
    let (mut s, r) = baseline();
    s.annotations.push(diverge::scenario::Annotation {
        month: diverge::scenario::Month::ym(2024, 4),
        text: "Fourth halving & <fees>".into(),
        series: "hashrate_ehs".into(),
    });
    let view = export::view(Tab::HashEconomics, &r, None).annotated(&s.annotations);
    let pointed = view.charts.iter().filter(|c| c.series.iter().any(|x| x.key == "hashrate_ehs")).count();
    assert!(pointed >= 1, "the hash view draws hashrate_ehs");
    let svg = export::svg::view_svg(&view, &meta(&s, 1), 1200, 800);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let labels: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("class") == Some("annotation-label"))
        .collect();
    assert_eq!(labels.len(), view.charts.len(), "one label per chart");
    assert!(labels.iter().all(|n| n.text() == Some("Fourth halving & <fees>")), "escaped and read back");
    let lines = doc.descendants().filter(|n| n.attribute("class") == Some("annotation")).count();
    assert_eq!(lines, view.charts.len());
    let dots = doc.descendants().filter(|n| n.attribute("class") == Some("annotation-dot")).count();
    assert_eq!(dots, pointed, "a dot only where the series is drawn");
    let plain = export::svg::view_svg(&export::view(Tab::HashEconomics, &r, None), &meta(&s, 1), 1200, 800);
    assert!(!plain.contains("annotation"), "no annotations, nothing drawn");
}

#[test]
fn diverge_plot_draws_the_annotations_of_the_scenario_file() {
    let (mut s, _) = baseline();
    s.annotations.push(diverge::scenario::Annotation {
        month: diverge::scenario::Month::ym(2021, 6),
        text: "China bans mining".into(),
        series: String::new(),
    });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("annotated.ron");
    diverge::scenario::io::save(&file, &s).unwrap();
    let out = dir.path().join("hash.svg");
    let o = diverge(&["plot", file.to_str().unwrap(), "--view", "hashrate", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains(">China bans mining</text>"), "the note is a text element");
}

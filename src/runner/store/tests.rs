//! The store: reports and records read back as they were put, from memory and from the file.

use std::sync::Arc;

use handbook_lints::{registry, Applicability, Diagnostic, Edit, Fix, Severity, Span};

use super::*;

fn report(n: usize) -> FileReport {
    let meta = registry::find("bare-url").unwrap();
    let edits: Arc<[Edit]> = vec![
        Edit::replace(Span::new(1, 3), "x"),
        Edit::insert(7, Cow::Borrowed("<")),
    ]
    .into();
    let shared = Fix {
        title: "Wrap it".into(),
        applicability: Applicability::Safe,
        edits: edits.clone(),
    };
    let diagnostics = (0..n)
        .map(|i| {
            let d = Diagnostic::new(meta, Span::new(i, i + 5), format!("finding {i}"))
                .with_severity(Severity::Info)
                .with_label("here")
                .with_help(Cow::Owned(format!("help {i}")));
            if i % 2 == 0 {
                d.with_fix(shared.clone())
            } else {
                d
            }
        })
        .collect();
    FileReport {
        display: format!("docs/page-{n}.md"),
        outcome: Outcome::Checked {
            diagnostics,
            text: Some("a\r\nb é\n".into()),
            excerpt: Some(Excerpt::new(
                "one\ntwo\nthree\n",
                [(4, 7)],
                super::super::Keep::Lines,
            )),
            fixed: n,
            diff: None,
            unconverged: vec![meta.name],
        },
    }
}

/// Reports read back are the reports stored, in order, from memory and from the
/// temporary file past the limit; a fix's shared edits are shared again.
#[test]
fn reports_come_back_as_stored_in_memory_and_spilled() {
    for limit in [usize::MAX, 64] {
        let mut reports = Reports::with_limit(limit);
        let failed = FileReport {
            display: "gone.md".into(),
            outcome: Outcome::Failed(FileError {
                at: Some((3, 4)),
                message: "not UTF-8".into(),
            }),
        };
        let stored: Vec<FileReport> = (0..600).map(report).collect();
        reports.extend([failed]);
        reports.extend(stored);
        assert_eq!(reports.len(), 601);
        assert_eq!(reports.spilled(), limit == 64);
        let back: Vec<FileReport> = reports.each().map(|r| r.unwrap()).collect();
        assert_eq!(back.len(), 601);
        let Outcome::Failed(e) = &back[0].outcome else {
            panic!("{:?}", back[0]);
        };
        assert_eq!((e.at, e.message.as_str()), (Some((3, 4)), "not UTF-8"));
        for (n, r) in back[1..].iter().enumerate() {
            let want = report(n);
            assert_eq!(r.display, want.display);
            assert_eq!(format!("{:?}", r.outcome), format!("{:?}", want.outcome));
            let fixes: Vec<&Fix> = r
                .diagnostics()
                .iter()
                .filter_map(|d| d.fix.as_deref())
                .collect();
            for pair in fixes.windows(2) {
                assert!(Arc::ptr_eq(&pair[0].edits, &pair[1].edits));
            }
        }
    }
}

/// Records put before the reports (the pages' findings) are read back beside them, from
/// memory and from the file, records larger than the limit included.
#[test]
fn earlier_records_share_the_store() {
    for limit in [usize::MAX, 100] {
        let mut spill = Spill::new(limit);
        let records: Vec<Vec<u8>> = (0..50u8).map(|n| vec![n; usize::from(n) * 7]).collect();
        let locs: Vec<Loc> = records.iter().map(|r| spill.put(r)).collect();
        let mut reports = Reports::after(spill);
        // As a run does: each record read back, then a report stored.
        for (n, (loc, record)) in locs.iter().zip(&records).enumerate() {
            assert_eq!(&reports.record(*loc).unwrap(), record);
            if n < 20 {
                reports.extend([report(n)]);
            }
        }
        assert_eq!(reports.spilled(), limit == 100);
        for (loc, record) in locs.iter().zip(&records) {
            assert_eq!(&reports.record(*loc).unwrap(), record);
        }
        for (n, r) in reports.each().enumerate() {
            let r = r.unwrap();
            assert_eq!(
                format!("{:?}", r.outcome),
                format!("{:?}", report(n).outcome)
            );
        }
        assert_eq!(reports.each().count(), 20);
        assert_eq!(reports.totals().findings, (0..20).sum::<usize>());
    }
}

/// A damaged record is an error, not a panic.
#[test]
fn damaged_bytes_are_an_error() {
    let bytes = encode_report(&report(3));
    for cut in 0..bytes.len() {
        assert!(decode_report(&bytes[..cut]).is_err(), "{cut}");
    }
    let mut bad = bytes.clone();
    bad[bytes[0] as usize + 1] = 9;
    assert!(decode_report(&bad).is_err());
}

/// Every lint's findings come back as that lint; a span that ends before it starts comes
/// back as it was.
#[test]
fn every_lint_and_any_span_come_back() {
    let diagnostics: Vec<Diagnostic> = registry::catalog()
        .iter()
        .enumerate()
        .map(|(i, meta)| Diagnostic::new(meta, Span::new(10 + i, 4), "m"))
        .collect();
    let mut w = Writer(Vec::new());
    crate::codec::encode_diagnostics(&mut w, &diagnostics);
    let back = crate::codec::decode_diagnostics(&mut Reader(&w.0)).unwrap();
    assert_eq!(back.len(), diagnostics.len());
    for (a, b) in back.iter().zip(&diagnostics) {
        assert_eq!((a.lint.code, a.span), (b.lint.code, b.span));
    }
}

/// Numbers that overflow a position are an error, not a panic.
#[test]
fn overflowing_numbers_are_an_error() {
    let mut w = Writer(Vec::new());
    w.usize(1);
    w.u64(804);
    w.0.push(1);
    w.u64(u64::MAX);
    w.u64(10);
    assert!(crate::codec::decode_diagnostics(&mut Reader(&w.0)).is_err());
}

/// Records read back from the temporary file through its read-ahead: in order, backwards,
/// jumping about, straddling the end of what was read ahead, larger than the read-ahead,
/// and interleaved with records still in memory, each comes back as it was put.
#[test]
fn spilled_records_come_back_in_any_order() {
    let mut spill = Spill::new(1000);
    let record = |k: usize| -> Vec<u8> {
        let len = match k % 7 {
            0 => READ_AHEAD + 3 + k,
            1 => 0,
            _ => 1 + (k * 37) % 900,
        };
        (0..len).map(|i| (i * 31 + k * 7) as u8).collect()
    };
    let locs: Vec<Loc> = (0..300).map(|k| spill.put(&record(k))).collect();
    assert!(spill.spilled());
    let mut order: Vec<usize> = (0..300).collect();
    order.extend((0..300).rev());
    order.extend((0..300).map(|k| (k * 113) % 300));
    for k in order {
        let got = spill.get(locs[k]).unwrap().into_owned();
        assert!(got == record(k), "record {k}");
    }
    // Records put after reads (the file grows past what was read ahead) come back too, and
    // so do the earlier ones.
    let mut locs = locs;
    for k in 300..400 {
        locs.push(spill.put(&record(k)));
        let back = k - 1 - (k * 13) % 50;
        assert!(spill.get(locs[back]).unwrap().into_owned() == record(back));
        assert!(spill.get(locs[k]).unwrap().into_owned() == record(k));
    }
}

/// Records of every size around the limit and the read-ahead, with fillers that put their
/// length headers at many places of a read-ahead (across its end among them): each comes
/// back whole, read in order and in reverse.
#[test]
fn records_at_the_edges_come_back() {
    let record =
        |k: usize, len: usize| -> Vec<u8> { (0..len).map(|i| (i * 7 + k * 13) as u8).collect() };
    for limit in [
        0,
        1,
        2,
        127,
        128,
        129,
        130,
        1000,
        READ_AHEAD,
        READ_AHEAD + 1,
    ] {
        let mut spill = Spill::new(limit);
        let mut lens = vec![0, 1, 126, 127, 128, 129, 16383, 16384, 3 * READ_AHEAD + 5];
        for d in 0..6 {
            lens.extend([(limit + d).saturating_sub(3), READ_AHEAD + d - 3]);
        }
        lens.extend((0..200).map(|k| READ_AHEAD / 3 + k * 5));
        let locs: Vec<Loc> = lens
            .iter()
            .enumerate()
            .map(|(k, &len)| spill.put(&record(k, len)))
            .collect();
        for k in (0..lens.len()).chain((0..lens.len()).rev()) {
            let got = spill.get(locs[k]).unwrap().into_owned();
            assert!(
                got == record(k, lens[k]),
                "limit {limit}, record {k} of {} bytes",
                lens[k]
            );
        }
    }
}

/// Once the temporary file cannot be written (here: the same file opened again read-only),
/// the records after it stay in memory, one larger than the limit too, and every record,
/// written or not, comes back.
#[cfg(target_os = "linux")]
#[test]
fn records_come_back_after_a_failed_write() {
    use std::os::fd::AsRawFd;
    for big in [false, true] {
        let mut spill = Spill::new(300);
        let record = |k: usize| -> Vec<u8> {
            let extra = if big && k == 9 { 1000 } else { 0 };
            (0..(k * 37) % 250 + extra).map(|i| (i + k) as u8).collect()
        };
        let mut locs: Vec<Loc> = (0..8).map(|k| spill.put(&record(k))).collect();
        assert!(spill.spilled());
        let fd = spill.file.as_ref().unwrap().as_raw_fd();
        spill.file = Some(std::fs::File::open(format!("/proc/self/fd/{fd}")).unwrap());
        locs.extend((8..40).map(|k| spill.put(&record(k))));
        assert!(spill.failure().is_some(), "big {big}");
        for k in (0..40).rev().chain(0..40) {
            assert!(
                spill.get(locs[k]).unwrap().into_owned() == record(k),
                "record {k}"
            );
        }
    }
}

/// A place that is not a record's (its bytes read as a length longer than the file) is an
/// error, not an allocation of that length.
#[test]
fn a_length_past_the_end_is_an_error() {
    for limit in [0, 1 << 20] {
        let mut spill = Spill::new(limit);
        let bytes = [
            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3,
        ];
        let loc = spill.put(&bytes);
        assert!(spill.get(Loc(loc.0 + 1)).is_err(), "limit {limit}");
        assert_eq!(&*spill.get(loc).unwrap(), &bytes);
    }
}

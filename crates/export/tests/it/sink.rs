//! Exports written into a sink: streamed through an [`IoSink`] they are the same bytes as
//! `export()`, a failing writer ends them with its error kept, and a refusal writes nothing.

use std::io;

use touchpoint_engine::analysis::Analysis;
use touchpoint_engine::journey::Journey;
use touchpoint_engine::journey::synthetic::{Shape, generate};
use touchpoint_engine::mapfile::load;
use touchpoint_export::sink::IoSink;
use touchpoint_export::{EXPORTERS, ExportContext, ExportError, Options, find};

use crate::workspace;

/// A writer that takes `room` bytes and then fails, like a full disk.
struct Full {
    room: usize,
}

impl io::Write for Full {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.room == 0 {
            return Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"));
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn streaming_gives_the_same_bytes_as_a_string() {
    let map = load(&workspace::file("maps/broadband-fault.ron")).expect("the sample map loads");
    let analysis = map.analyse();
    let options = Options::default();
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options);
    for exporter in EXPORTERS {
        let mut sink = IoSink::new(Vec::new());
        exporter
            .write(&ctx, &mut sink)
            .unwrap_or_else(|e| panic!("{} streams: {e}", exporter.id()));
        let streamed = sink.finish().expect("a Vec takes everything");
        let text = exporter.export(&ctx).expect("the sample exports");
        assert!(
            streamed == text.as_bytes(),
            "{} streams what it exports",
            exporter.id()
        );
    }
}

#[test]
fn a_failing_writer_ends_the_export_and_keeps_its_error() {
    let map = load(&workspace::file("maps/broadband-fault.ron")).expect("the sample map loads");
    let analysis = map.analyse();
    let options = Options::default();
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options);
    for exporter in EXPORTERS {
        let mut sink = IoSink::new(Full { room: 100 });
        assert_eq!(
            exporter.write(&ctx, &mut sink),
            Err(ExportError::Write),
            "{} reports the failed write",
            exporter.id()
        );
        assert_eq!(
            sink.finish().err().map(|e| e.kind()),
            Some(io::ErrorKind::StorageFull),
            "{} leaves the cause with the sink",
            exporter.id()
        );
    }
}

#[test]
fn a_refused_export_writes_nothing() {
    let map = load(&workspace::file("maps/broadband-fault.ron")).expect("the sample map loads");
    let analysis = map.analyse();
    let options = Options {
        stage: Some("nosuch".to_string()),
        ..Options::default()
    };
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options);
    for exporter in EXPORTERS {
        let mut out = String::new();
        let got = exporter.write(&ctx, &mut out);
        assert!(
            matches!(got, Err(ExportError::UnknownStage { .. })),
            "{} refuses an unknown stage",
            exporter.id()
        );
        assert!(out.is_empty(), "{} wrote before refusing", exporter.id());
    }

    let journey = Journey::from_document(generate(Shape::with_steps(300)));
    let analysis = Analysis::of_journey(&journey);
    let options = Options::default();
    let ctx = ExportContext::new("generated.ron", &journey, &analysis, &options);
    let mut out = String::new();
    let got = find("mermaid-flowchart")
        .expect("a known format")
        .write(&ctx, &mut out);
    assert!(
        matches!(got, Err(ExportError::TooLarge { .. })),
        "300 steps are too many for Mermaid"
    );
    assert!(out.is_empty(), "Mermaid wrote before refusing");
}

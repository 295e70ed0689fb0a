//! Any bytes as a map file: loading never panics, and a map that loads is analysed and
//! exported in every format (whole, and its first stage alone) without panicking.

#![no_main]

use libfuzzer_sys::fuzz_target;
use touchpoint_engine::analysis::Analysis;
use touchpoint_engine::mapfile;
use touchpoint_engine::source::SourceMap;
use touchpoint_export::{EXPORTERS, ExportContext, Options};

fuzz_target!(|data: &[u8]| {
    // The outline runs on text that does not parse too (it locates syntax errors' context).
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = SourceMap::new(text.to_string()).nearest(&[]);
    }
    let Ok(map) = mapfile::load_bytes("fuzz.ron", data.to_vec()) else {
        return;
    };
    let analysis = Analysis::new(map.check());
    let first_stage = map.journey.stages.first().map(|s| s.id.clone());
    for stage in [None, first_stage] {
        let options = Options {
            stage,
            ..Options::default()
        };
        let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options);
        for exporter in EXPORTERS {
            // A precheck that refuses must agree with the export.
            if let Err(refused) = exporter.precheck(&map.file, &map.journey, &options) {
                assert_eq!(exporter.export(&ctx), Err(refused));
                continue;
            }
            let _ = exporter.export(&ctx);
        }
    }
});

#!/usr/bin/env bash
# Regenerates the rendered sample map the README shows, from the map itself:
#   docs/broadband-fault.svg  (touchpoint's native SVG export of maps/broadband-fault.ron)
# A test (crates/export/tests/it/golden.rs) fails when it is out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet -- export maps/broadband-fault.ron --format svg -o docs/broadband-fault.svg

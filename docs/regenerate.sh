#!/usr/bin/env bash
# Regenerates what the README shows, from maps/broadband-fault.ron:
#   docs/broadband-fault.svg   touchpoint's native SVG export
#   docs/gallery/              every export format of the same map: the text touchpoint writes
#                              (broadband-fault.FORMAT.EXT) and, for each diagram format and the
#                              HTML report, the picture the real tool draws from it
#                              (Graphviz, PlantUML, the Mermaid CLI, Chromium)
#   docs/gallery/SOURCES.sha256  the SHA-256 of each text a picture was drawn from
# A test (crates/export/tests/it/golden.rs) fails when a text is out of date or a picture was
# drawn from another text than the one committed. Needs the tools .ci/install-export-tools
# installs.
set -euo pipefail
cd "$(dirname "$0")/.."
map=maps/broadband-fault.ron
out=docs/gallery
mkdir -p "$out"
cargo build --quiet --bin touchpoint
bin="${CARGO_TARGET_DIR:-target}/debug/touchpoint"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$bin" export "$map" --format svg -o docs/broadband-fault.svg 2>/dev/null

# Each format's text, under a name that says the format.
declare -A ext=(
    [mermaid-flowchart]=mmd [mermaid-journey]=mmd [dot]=dot [plantuml]=puml [svg]=svg
    [html]=html [inventory-csv]=csv [inventory-md]=md [ropa-csv]=csv [ropa-md]=md
    [minutes-md]=minutes.md [minutes-html]=minutes.html
)
for format in "${!ext[@]}"; do
    "$bin" export "$map" --format "$format" -o "$out/broadband-fault.$format.${ext[$format]}" 2>/dev/null
done

# The pictures, each from the text just written.
cat >"$work/puppeteer.json" <<'JSON'
{
  "executablePath": "/usr/bin/chromium",
  "headless": "shell",
  "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--no-first-run", "--disable-quic"]
}
JSON
dot -Tsvg "$out/broadband-fault.dot.dot" -o "$out/broadband-fault.dot.svg"
plantuml -tsvg -pipe <"$out/broadband-fault.plantuml.puml" >"$out/broadband-fault.plantuml.svg"
for format in mermaid-flowchart mermaid-journey; do
    mmdc -q -p "$work/puppeteer.json" -w 2400 -b white \
        -i "$out/broadband-fault.$format.mmd" -o "$out/broadband-fault.$format.png"
done
# The report's first screen: its header, the diagram and the start of the findings.
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,1600 \
    --screenshot="$out/broadband-fault.html.png" "file://$PWD/$out/broadband-fault.html.html" \
    >/dev/null 2>&1

(cd "$out" && sha256sum broadband-fault.dot.dot broadband-fault.plantuml.puml \
    broadband-fault.mermaid-flowchart.mmd broadband-fault.mermaid-journey.mmd \
    broadband-fault.html.html >SOURCES.sha256)
echo "regenerated docs/broadband-fault.svg and $out/"

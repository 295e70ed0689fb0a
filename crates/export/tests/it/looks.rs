//! What the Graphviz-free diagram formats look like to a room: PlantUML's clean steps are not
//! a warning colour and its legend is at the top; Mermaid's lanes are neutral, side by side,
//! with a compact legend and the `--stage` advice first; Mermaid journey tasks say how much
//! they collect and their worst finding's kind.

use touchpoint_engine::mapfile::load;
use touchpoint_export::{EXPORTERS, ExportContext, Options};

use crate::workspace;

fn export(id: &str, stage: Option<&str>) -> String {
    let map = load(&workspace::file("maps/broadband-fault.ron")).expect("the sample loads");
    let analysis = map.analyse();
    let options = Options {
        stage: stage.map(str::to_string),
        ..Options::default()
    };
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options);
    EXPORTERS
        .iter()
        .find(|e| e.id() == id)
        .expect("the format exists")
        .export(&ctx)
        .expect("the sample exports")
}

#[test]
fn plantuml_clean_steps_are_white_and_the_legend_comes_first() {
    let out = export("plantuml", None);
    assert!(out.contains("skinparam ActivityBackgroundColor #ffffff"));
    let legend = out.find("legend top").expect("a legend at the top");
    let first_step = out.find("\nstart\n").expect("a start");
    assert!(
        legend < first_step,
        "the legend is written before the steps"
    );
    // A clean step has no colour of its own; one with findings has its severity's fill.
    assert!(out.contains("\n:<b>Check the service status page</b>"));
    assert!(out.contains("#fef0c7:<b>▲ Ask to be texted"));
    assert!(out.contains("repeat (TP007)"), "kinds, not only codes");
}

#[test]
fn mermaid_lanes_are_neutral_top_level_and_the_stage_advice_comes_first() {
    let out = export("mermaid-flowchart", None);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "flowchart LR");
    assert!(
        lines[1].starts_with("    %% For a wiki, one readable diagram per stage")
            && lines[1].contains("--stage STAGE")
            && lines[1].contains("selfhelp"),
        "{}",
        lines[1]
    );
    // Every lane opens at the top level (4 spaces), none inside another subgraph.
    let mut depth = 0;
    for line in &lines {
        if line.trim_start().starts_with("subgraph ") {
            assert_eq!(depth, 0, "a subgraph inside another: {line}");
            depth += 1;
        } else if line.trim() == "end" {
            depth -= 1;
        }
    }
    for lane in 0..6 {
        assert!(
            out.contains(&format!(
                "style lane{lane} fill:#f9fafb,stroke:#98a2b3,color:#101828"
            )),
            "lane {lane} has the neutral fill"
        );
    }
    // The legend: three severities and one short line per rule, no rule names.
    assert!(out.contains("repeat #40;TP007#41; ×4<br/>"));
    assert!(!out.contains("certain-repeat"));
    // One stage: no advice to split it further.
    let one = export("mermaid-flowchart", Some("selfhelp"));
    assert!(!one.contains("%%"));
}

#[test]
fn mermaid_journey_tasks_show_their_data_count_and_worst_kind() {
    let out = export("mermaid-journey", None);
    assert!(
        out.contains("      Sign in to My Account · 2 data points: 2: "),
        "a clean task with its count"
    );
    assert!(
        out.contains(
            "      ▲ Ask to be texted when the outage is over · 1 data point · basis conflict \
             #40;TP010#41;: 2: "
        ),
        "a task with a finding names its kind"
    );
    // The worst kind: an error outranks the warnings and advice on the same step.
    let agent = out
        .lines()
        .find(|l| l.contains("Agent tests the line"))
        .expect("the agent's task");
    assert!(agent.contains("special category #40;TP003#41;"), "{agent}");
    assert!(out.contains("Wait in the queue · no data points: "));
}

import BlastAudit
import BlastCore
import BlastRender

/// `audit`: findings with severity, evidence paths and fixes, as text, JSON (also the baseline
/// format), SARIF (code-scanning tools) or Markdown (`blast report`'s index).
public struct AuditPresenter: TextPresenter, JSONPresenter {
    public let graph: AccessGraph
    public let context: AuditContext
    public let result: AuditResult

    public init(graph: AccessGraph, context: AuditContext, result: AuditResult) {
        self.graph = graph
        self.context = context
        self.result = result
    }

    public func text(_ style: TextStyle) -> String {
        AuditText(graph: graph, colour: style.colour).report(result)
    }

    public func json() -> some Encodable {
        AuditJSON.report(result, settings: context.settings)
    }

    /// SARIF 2.1.0; findings without a source location point at `fallbackFile`.
    public func sarif(fallbackFile: String) -> some Encodable {
        AuditSARIF.log(result, rules: Audit.rules, fallbackFile: fallbackFile)
    }

    /// The Markdown document; `images` maps a finding's fingerprint to its evidence diagram and
    /// `overview` names the whole-model diagram (both only in `blast report`).
    public func markdown(images: [String: String]?, overview: String? = nil) -> String {
        AuditMarkdown(graph: graph, context: context, result: result).document(images: images, overview: overview)
    }
}

/// `check`: each assertion of a policy, whether it holds, and the paths that violate it.
public struct CheckPresenter: TextPresenter, JSONPresenter {
    public let results: [AssertionResult]
    public let at: Instant

    public init(_ results: [AssertionResult], at: Instant) {
        self.results = results
        self.at = at
    }

    /// Whether every assertion holds.
    public var holds: Bool { results.allSatisfy(\.holds) }

    public func text(_ style: TextStyle) -> String { CheckReport.text(results, at: at, text: style) }

    public func json() -> some Encodable { CheckReport.json(results, at: at) }
}

extension AuditPresenter {
    /// Each finding with evidence paths and the scene that draws them, by finding position
    /// (findings without a path have none).
    public func evidenceScenes() -> [(position: Int, finding: Finding, scene: Scene)] {
        result.findings.enumerated().compactMap { k, f in
            let paths = f.evidence.filter { !$0.steps.isEmpty }.map { SceneBuilder.PathSpec(steps: $0.steps, isHighlighted: true) }
            guard let first = paths.first?.steps.first else { return nil }
            // The title says what the finding is and what the drawn paths prove (Markdown's
            // backticks left out: a picture is not Markdown).
            let shown = f.evidence.filter { !$0.steps.isEmpty }.map(\.label)
            let scene = SceneBuilder.scene(
                graph: graph,
                title: "\(f.rule): \(f.title)\nevidence: \(shown.joined(separator: "; "))".replacingOccurrences(of: "`", with: ""),
                source: first.from,
                paths: paths, at: context.settings.at)
            return (k, f, scene)
        }
    }
}

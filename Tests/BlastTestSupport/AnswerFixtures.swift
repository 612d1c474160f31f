import BlastCore

extension Fixtures {
    /// What-if on `wikiLeaksDeployToken()`: dave's radius before and after revoking
    /// engineering's wiki-reader grant.
    public static func wikiRevokeWhatIf() throws -> WhatIf {
        let model = wikiLeaksDeployToken()
        let g = compile(model)
        let change = ModelChange.revokeGrant(to: "engineering", role: "wiki-reader")
        return WhatIf(
            model: model, before: g, startIDs: ["dave"], starts: [g.startFor("dave")], changes: [change],
            after: compile(try model.applying([change])), options: options())
    }

    /// Choke points on `funnel()`: ann's and ben's keys against prod/db, the top 3 single edges.
    public static func funnelChokepoints() throws -> (graph: AccessGraph, report: ChokepointReport) {
        let model = funnel()
        let g = compile(model)
        let report = try ChokepointReport(
            model: model, graph: g, startIDs: ["ann-key", "ben-key"],
            starts: [g.startFor("ann-key"), g.startFor("ben-key")], targets: [g.resourceFor("prod/db")],
            options: options(), costs: [:], top: 3)
        return (g, report)
    }
}

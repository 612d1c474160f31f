import BlastCore

extension Fixtures {
    /// `dev` reads `docs` and assumes `admin`, which may do `*` on `prod`, `prod/bot` and `count`
    /// children of `prod`; `admin` can therefore take over `bot` (its resource is `prod/bot`),
    /// which reads `prod/r5` and holds an allow on nothing declared. `dev` also assumes `helper`,
    /// which only reads `docs`, and `admin` assumes `peer` by trust (no power used).
    public static func fullControl(children count: Int, adminDeny: [Statement] = []) -> Model {
        Model(
            identities: [Identity(id: "dev"), Identity(id: "admin", kind: .service), Identity(id: "bot", kind: .service, resource: "prod/bot"),
                Identity(id: "helper", kind: .service), Identity(id: "peer", kind: .service),
            ],
            roles: [
                Role(id: "reader", allow: [Statement(actions: ["read"], resources: ["docs"])]),
                Role(id: "all", allow: [Statement(actions: ["*"], resources: ["prod"])], deny: adminDeny),
                Role(id: "bot-role", allow: [Statement(actions: ["read"], resources: ["prod/r5"]), Statement(actions: ["read"], resources: ["elsewhere"])]),
            ],
            grants: [Grant(to: "dev", role: "reader"), Grant(to: "admin", role: "all"), Grant(to: "bot", role: "bot-role")],
            assumes: [Assume(from: "dev", to: "admin"), Assume(from: "dev", to: "helper"), Assume(from: "admin", to: "peer")],
            resources: [Resource(id: "docs"), Resource(id: "prod"), Resource(id: "prod/bot")]
                + (0..<count).map { Resource(id: "prod/r\($0)", criticality: $0 == 0 ? .critical : $0 == 1 ? .high : .low) })
    }
}

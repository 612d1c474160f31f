import BlastCore

extension Fixtures {
    /// `dev` reads `docs` and assumes `admin`, which may do `*` on `prod` and its `count`
    /// children; `admin` assumes `bot`, which reads `prod/r5` and holds an allow on nothing declared.
    public static func fullControl(children count: Int, adminDeny: [Statement] = []) -> Model {
        Model(
            identities: [Identity(id: "dev"), Identity(id: "admin", kind: .service), Identity(id: "bot", kind: .service)],
            roles: [
                Role(id: "reader", allow: [Statement(actions: ["read"], resources: ["docs"])]),
                Role(id: "all", allow: [Statement(actions: ["*"], resources: ["prod"])], deny: adminDeny),
                Role(id: "bot-role", allow: [Statement(actions: ["read"], resources: ["prod/r5"]), Statement(actions: ["read"], resources: ["elsewhere"])]),
            ],
            grants: [Grant(to: "dev", role: "reader"), Grant(to: "admin", role: "all"), Grant(to: "bot", role: "bot-role")],
            assumes: [Assume(from: "dev", to: "admin"), Assume(from: "admin", to: "bot")],
            resources: [Resource(id: "docs"), Resource(id: "prod")]
                + (0..<count).map { Resource(id: "prod/r\($0)", criticality: $0 == 0 ? .critical : $0 == 1 ? .high : .low) })
    }
}

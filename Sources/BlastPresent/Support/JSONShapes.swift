import BlastCore
import Foundation

/// One explanation step as every JSON answer writes it.
public struct JSONStep: Encodable, Sendable {
    let from: String
    let to: String
    let edge: String
    let source: String?
    let approval: Bool?
    let mfa: Bool?
    let notBefore: String?
    let expires: String?
    let technique: String?
    let condition: String?

    enum CodingKeys: String, CodingKey {
        case from, to, edge, source, approval, mfa, expires, technique, condition
        case notBefore = "not_before"
    }

    public init(_ s: PathStep) {
        from = s.from
        to = s.to
        edge = s.edge.rawValue
        source = s.origin?.description
        approval = s.terms?.approval == true ? true : nil
        mfa = s.terms?.mfa == true ? true : nil
        notBefore = s.terms?.notBefore?.iso8601
        expires = s.terms?.expires?.iso8601
        technique = s.technique
        condition = s.terms?.condition
    }

    /// A whole path.
    public static func path(_ steps: [PathStep]) -> [JSONStep] { steps.map(JSONStep.init) }
}

/// A resource a change cut, kept or added, as `what-if` and `diff` write it.
struct JSONChange: Encodable {
    let id: String
    let criticality: String
    let actions: [String]
    let hops: Int
    let path: [JSONStep]

    init(_ x: Radius.ReachedResource, in r: Radius, eligible: Bool = false) {
        let g = r.search.graph
        id = g.resource(x.resource).id
        criticality = g.resource(x.resource).criticality.rawValue
        actions = x.actions
        hops = x.hops
        path = JSONStep.path(eligible ? r.eligiblePath(x.proof) : r.path(x.proof))
    }
}

/// JSON text: sorted keys, two-space indentation, no escaped slashes, trailing newline.
public enum JSONText {
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else {
            preconditionFailure("answer documents encode without failure")
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

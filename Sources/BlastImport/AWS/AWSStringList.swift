/// The AWS quirk "a string or a list of strings" (`"Action": "s3:GetObject"` or
/// `"Action": ["s3:GetObject", "s3:PutObject"]`), fixed here once.
struct AWSStringList: Decodable, Sendable, Equatable {
    var items: [String]

    init(_ items: [String]) { self.items = items }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let one = try? container.decode(String.self) {
            items = [one]
        } else if let list = try? container.decode([String].self) {
            items = list
        } else {
            throw DecodingError.typeMismatch(
                AWSStringList.self, .init(codingPath: decoder.codingPath, debugDescription: "found \(AWSStringList.describe(container))"))
        }
    }
}

extension AWSStringList {
    /// What a value that is neither a string nor a list of strings is, for the message.
    static func describe(_ container: any SingleValueDecodingContainer) -> String {
        if container.decodeNil() { return "null" }
        if let b = try? container.decode(Bool.self) { return "the boolean \(b)" }
        if let i = try? container.decode(Int.self) { return "the number \(i)" }
        if let d = try? container.decode(Double.self) { return "the number \(d)" }
        if (try? container.decode([AWSConditionValues.Scalar].self)) != nil { return "a list with a value that is not a string" }
        return "a JSON object"
    }
}

/// A condition value: AWS accepts strings, booleans and numbers, alone or in a list.
struct AWSConditionValues: Decodable, Sendable, Equatable {
    var items: [String]

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([Scalar].self) {
            items = list.map(\.text)
        } else {
            items = [try container.decode(Scalar.self).text]
        }
    }

    struct Scalar: Decodable, Sendable, Equatable {
        var text: String

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) {
                text = s
            } else if let b = try? c.decode(Bool.self) {
                text = b ? "true" : "false"
            } else if let i = try? c.decode(Int.self) {
                text = String(i)
            } else {
                text = String(try c.decode(Double.self))
            }
        }
    }
}

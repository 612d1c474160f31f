/// The AWS quirk "a string or a list of strings" (`"Action": "s3:GetObject"` or
/// `"Action": ["s3:GetObject", "s3:PutObject"]`), fixed here once.
struct AWSStringList: Decodable, Sendable, Equatable {
    var items: [String]

    init(_ items: [String]) { self.items = items }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let one = try? container.decode(String.self) {
            items = [one]
        } else {
            items = try container.decode([String].self)
        }
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

import BlastCore
import Yams

/// Kubernetes objects: `kubectl get … -o yaml|json` exports (a `List`), plain multi-document
/// manifests, and kubeconfigs. See docs/kubernetes.md for what each object becomes.
public enum KubernetesFormat: FormatImporter {
    public static let formatName = "k8s"

    /// A file is Kubernetes when one of its first 60 lines that are not comments or blank sets
    /// `apiVersion` (YAML or JSON), within the first 64 KB.
    public static func recognises(path: String, text: String) -> Bool {
        let lines = text.prefix(65_536).split(whereSeparator: \.isNewline).lazy
            .filter { line in
                let content = line.drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
                return !content.isEmpty && !content.hasPrefix("#")
            }
        for line in lines.prefix(60) {
            var rest = line.drop { $0 == " " || $0 == "\t" || $0 == "-" || $0 == "{" || $0 == "\"" }
            guard rest.hasPrefix("apiVersion") else { continue }
            rest = rest.dropFirst("apiVersion".count).drop { $0 == "\"" || $0 == " " }
            if rest.hasPrefix(":") { return true }
        }
        return false
    }

    public static func importModel(files: [SourceFile], context: inout ImportContext) throws(ImportError) -> Model {
        var objects: [RawKubernetesObject] = []
        for file in files { objects += try parse(file) }
        var mapping = KubernetesMapping(objects: objects, declared: context.declaredIDs)
        let model = try mapping.model()
        context.notes += mapping.notes
        return model
    }

    /// The objects of every document of the file; `List` documents give their items.
    /// Key paths start with the document index: `documents[1].items[3]`.
    static func parse(_ file: SourceFile) throws(ImportError) -> [RawKubernetesObject] {
        var documents: YamlSequence<Yams.Node>
        do {
            documents = try Yams.compose_all(yaml: file.text)
        } catch let error as YamlError {
            throw ImportError(error, file: file.path)
        } catch {
            throw ImportError(.syntax, "syntax: \(error)", file: file.path)
        }
        var objects: [RawKubernetesObject] = []
        var index = 0
        let size = file.text.utf8.count
        var budget = AliasExpansion.limit(fileSize: size)  // shared by every document of the file
        while let node = documents.next() {
            defer { index += 1 }
            let keyPath = "documents[\(index)]"
            budget -= try AliasExpansion.count(node, budget: budget, fileSize: size, file: file.path, keyPath: keyPath)
            let document = NodeReader(node: node, file: file.path, keyPath: keyPath)
            if document.isNull { continue }
            try collect(document, into: &objects)
        }
        if let error = documents.error {
            if let yaml = error as? YamlError { throw ImportError(yaml, file: file.path) }
            throw ImportError(.syntax, "syntax: \(error)", file: file.path)
        }
        return objects
    }

    private enum ListKey: String, SchemaKey { case kind, items }

    private static func collect(_ reader: NodeReader, into objects: inout [RawKubernetesObject]) throws(ImportError) {
        let f = try reader.mapping(ListKey.self)
        let kind = try f.required(.kind, "object kind").scalar()
        if kind.text.hasSuffix("List"), let items = f[.items] {
            for item in try items.items() { try collect(item, into: &objects) }
        } else {
            objects.append(try RawKubernetesObject(reader))
        }
    }
}

// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "blast",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "blast", targets: ["blast"]),
        .library(name: "BlastCore", targets: ["BlastCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libcgraph libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        .target(name: "BlastCore"),
        .target(name: "BlastImport", dependencies: ["BlastCore", "Yams"]),
        .target(name: "BlastAudit", dependencies: ["BlastCore"]),
        .target(name: "BlastRender", dependencies: ["BlastCore", "CGraphviz"]),
        .target(name: "BlastPresent", dependencies: ["BlastCore", "BlastAudit", "BlastRender"]),
        .target(
            name: "BlastCLI",
            dependencies: [
                "BlastCore", "BlastImport", "BlastAudit", "BlastRender", "BlastPresent",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(name: "blast", dependencies: ["BlastCLI"]),
        .executableTarget(
            name: "blast-bench", dependencies: ["BlastCore", "BlastImport", "BlastRender"], path: "Benchmarks/BlastBench"),
        // The readers under libFuzzer (make fuzz, docs/fuzzing.md); in the ordinary build it replays inputs.
        .executableTarget(name: "blast-fuzz", dependencies: ["BlastCore", "BlastImport", "BlastCLI"], path: "Fuzz/BlastFuzz"),
        .target(name: "BlastTestSupport", dependencies: ["BlastCore", "BlastImport"], path: "Tests/BlastTestSupport"),
        .testTarget(name: "BlastCoreTests", dependencies: ["BlastCore", "BlastImport", "BlastTestSupport"]),
        .testTarget(name: "BlastImportTests", dependencies: ["BlastImport", "BlastTestSupport"]),
        .testTarget(name: "BlastAuditTests", dependencies: ["BlastAudit", "BlastTestSupport"]),
        .testTarget(name: "BlastRenderTests", dependencies: ["BlastRender", "BlastTestSupport"]),
        .testTarget(name: "BlastPresentTests", dependencies: ["BlastPresent", "BlastImport", "BlastTestSupport"]),
        .testTarget(name: "BlastCLITests", dependencies: ["BlastCLI", "BlastTestSupport"]),
    ]
)

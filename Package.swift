// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "docgen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "docgen", targets: ["docgen"]),
        .library(name: "DocGenKit", targets: ["DocGenKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .executableTarget(name: "docgen", dependencies: ["DocGenCLI", "DocGenCore"]),
        .target(
            name: "DocGenCLI",
            dependencies: [
                "DocGenKit", "DocGenCore", "DocGenMarkdown",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "DocGenKit",
            dependencies: [
                "DocGenCore", "DocGenMarkdown", "DocGenHTML",
            ]
        ),
        .target(name: "DocGenMarkdown", dependencies: ["DocGenCore", "CCmarkGFM"]),
        .target(name: "DocGenHTML", dependencies: ["DocGenCore", "CLibXML2"]),
        .target(name: "DocGenCore"),
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .testTarget(
            name: "DocGenTests",
            dependencies: ["DocGenKit", "DocGenCore", "DocGenMarkdown", "DocGenHTML"]
        ),
    ]
)

// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "Folio",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "folio", targets: ["folio"]),
    .executable(name: "folio-bench", targets: ["folio-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    // Tests only: property-based fuzzing of the parsers (issue 13).
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    // MARK: - Implementation details: C bridges to system libraries

    /// libcmark from Debian `libcmark-dev`.
    .systemLibrary(
      name: "_FolioCMark", pkgConfig: "libcmark",
      providers: [.apt(["libcmark-dev"])]),
    /// LAPACKE + OpenBLAS from Debian `liblapacke-dev`, `libopenblas-dev`.
    .systemLibrary(
      name: "_FolioLAPACK",
      providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]),
    /// COIN-OR CLP simplex LP solver from Debian `coinor-libclp-dev` (C API).
    .systemLibrary(
      name: "_FolioCLP", pkgConfig: "clp",
      providers: [.apt(["coinor-libclp-dev"])]),
    /// Boost.Math (header-only, Debian `libboost-math-dev`) behind a C ABI.
    .target(
      name: "_FolioSpecialFunctions",
      cxxSettings: [.unsafeFlags(["-std=c++17"])]),

    // MARK: - Public API, in layer order: data → statistics → models → notebook → rendering → CLI

    .target(name: "FolioData"),
    .target(
      name: "FolioStats",
      dependencies: ["FolioData", "_FolioLAPACK", "_FolioSpecialFunctions"]),
    .target(name: "FolioModels", dependencies: ["FolioData", "FolioStats", "_FolioCLP"]),
    .target(
      name: "FolioNotebook",
      dependencies: [
        "FolioData", "FolioStats", "FolioModels", "FolioStore", "_FolioCMark",
        .product(name: "Yams", package: "Yams"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    .target(
      name: "FolioRender",
      dependencies: [
        "FolioNotebook", "_FolioCMark",
        .product(name: "Mustache", package: "swift-mustache"),
      ]),
    /// SQLite and PostgreSQL: query results as frames, result tables and the runs table.
    .target(
      name: "FolioStore",
      dependencies: [
        "FolioData", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    .executableTarget(
      name: "folio",
      dependencies: [
        "FolioData", "FolioStats", "FolioNotebook", "FolioRender", "FolioStore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Hummingbird", package: "hummingbird"),
      ],
      // Release builds link the Swift runtime and Foundation statically: a
      // warm-cache render is a ~40 ms process, and resolving symbols across
      // twenty-odd shared Swift libraries took a fifth of it.
      swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))],
      linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]),
    .executableTarget(
      name: "folio-bench",
      dependencies: ["FolioData", "FolioStats", "FolioModels", "FolioNotebook", "FolioRender"]),

    // MARK: - Tests

    .target(name: "FolioTestSupport", dependencies: ["FolioData"], path: "Sources/FolioTestSupport"),
    .testTarget(name: "FolioDataTests", dependencies: ["FolioData", "FolioTestSupport"]),
    .testTarget(name: "FolioStatsTests", dependencies: ["FolioStats", "FolioTestSupport"]),
    .testTarget(
      name: "FolioModelsTests", dependencies: ["FolioModels", "FolioTestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "FolioNotebookTests", dependencies: ["FolioNotebook", "FolioStore", "FolioTestSupport"]),
    .testTarget(name: "FolioRenderTests", dependencies: ["FolioRender", "FolioNotebook", "FolioTestSupport"]),
    .testTarget(name: "FolioStoreTests", dependencies: ["FolioStore", "FolioTestSupport"]),
    /// Seed-reproducible property-based fuzzing of every parser that reads user files.
    .testTarget(
      name: "FolioFuzzTests",
      dependencies: [
        "FolioData", "FolioNotebook", "FolioRender", "FolioTestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]),
    .testTarget(name: "FolioCLITests", dependencies: ["FolioNotebook", "FolioRender", "FolioStore", "FolioTestSupport"]),
  ],
  swiftLanguageModes: [.v5]
)

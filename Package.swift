// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "habitat",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "habitat", targets: ["habitat"]),
        .library(name: "Planning", targets: ["Planning"]),
        .library(name: "Inventory", targets: ["Inventory"]),
        .library(name: "GeoIO", targets: ["GeoIO"]),
        .library(name: "GeoCore", targets: ["GeoCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CGDAL", pkgConfig: "gdal", providers: [.apt(["libgdal-dev"])]),
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .target(name: "GeoCore", dependencies: ["CGEOS", "CPROJ"]),
        .target(name: "GeoIO", dependencies: ["GeoCore", "CGDAL", "CXLSXWriter"]),
        .target(name: "Inventory", dependencies: ["GeoCore", "GeoIO"]),
        .target(name: "Planning", dependencies: ["GeoCore", "GeoIO", "Inventory"], resources: [.copy("Profiles")]),
        .target(name: "Server", dependencies: [
            "GeoCore", "GeoIO", "Inventory", "Planning", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"), .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        ]),
        .executableTarget(name: "habitat", dependencies: [
            "GeoCore", "GeoIO", "Inventory", "Planning", "Server", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore", "TestSupport"]),
        .testTarget(name: "GeoIOTests", dependencies: ["GeoIO", "TestSupport"]),
        .testTarget(name: "InventoryTests", dependencies: ["Inventory", "TestSupport"]),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "Inventory", "TestSupport"]),
        .testTarget(name: "HabitatTests", dependencies: ["habitat", "TestSupport"]),
        .testTarget(name: "ServerTests", dependencies: ["Server", "Inventory", "TestSupport"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
    ]
)

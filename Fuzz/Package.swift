// swift-tools-version: 6.2
// libFuzzer builds of skillquiz's parsers. Run them with `scripts/fuzz TARGET [SECONDS]`; this
// package is built with `-sanitize=fuzzer,address`, never by `swift build` at the top level.
import Foundation
import PackageDescription

// A path dependency is named after its folder, which depends on where the repository was cloned.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().lastPathComponent

let package = Package(
  name: "skillquiz-fuzz",
  dependencies: [.package(path: "..")],
  targets: [
    .executableTarget(
      name: "skillquiz-fuzz",
      dependencies: [.product(name: "FuzzTargets", package: repository)],
      // gold fails with an internal error on the sanitizer's debug info; lld links it.
      linkerSettings: [.unsafeFlags(["-use-ld=lld"])]
    )
  ]
)

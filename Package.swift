// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [
  .treatAllWarnings(as: .error),
  .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
  name: "skillquiz",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "skillquiz", targets: ["skillquiz"]),
    .library(name: "SkillQuizKit", targets: ["SkillQuizKit"]),
    .library(name: "FuzzTargets", targets: ["FuzzTargets"]),
    .executable(name: "skillquiz-synth", targets: ["SyntheticData"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // Domain logic: banks, validation, grading, quiz sessions, statistics. No terminal I/O.
    .target(
      name: "SkillQuizKit",
      dependencies: [.product(name: "Yams", package: "Yams")],
      swiftSettings: strict
    ),
    // SQLite persistence of quizzes and answers.
    .target(
      name: "SkillQuizStore",
      dependencies: [
        "SkillQuizKit", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ],
      swiftSettings: strict
    ),
    // The question index: parsed banks in an SQLite file in the cache folder, read on demand.
    .target(
      name: "QuestionIndex",
      dependencies: ["SkillQuizKit", .product(name: "GRDBSQLite", package: "GRDB.swift")],
      swiftSettings: strict
    ),
    // Runs hands-on SQL answers on a read-only, in-memory copy of a dataset.
    .target(
      name: "SQLSandbox",
      dependencies: [
        "SkillQuizKit", "CSQLiteConfig", .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ],
      swiftSettings: strict
    ),
    // A fixed-argument wrapper of the C-variadic sqlite3_db_config, for the SQL sandbox.
    .target(name: "CSQLiteConfig", linkerSettings: [.linkedLibrary("sqlite3")]),
    // The use cases: one type or function per command, returning values; no terminal I/O.
    .target(
      name: "SkillQuizUseCases",
      dependencies: ["SkillQuizKit", "SkillQuizStore", "SQLSandbox"],
      swiftSettings: strict
    ),
    // libedit, as Debian's libedit-dev ships it.
    .systemLibrary(
      name: "CLibEdit",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]
    ),
    // Line readers: libedit for terminals, plain stdin for pipes.
    .target(
      name: "LineEditing",
      dependencies: ["CLibEdit", "SkillQuizKit"],
      swiftSettings: strict
    ),
    // The thin front end: argument parsing, the REPL loop and rendering.
    .executableTarget(
      name: "skillquiz",
      dependencies: [
        "SkillQuizKit", "SkillQuizStore", "SkillQuizUseCases", "SQLSandbox", "LineEditing",
        "QuestionIndex", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict
    ),
    // `swift run -c release BankLoadingBenchmark`: how long loading the banks takes.
    .executableTarget(
      name: "BankLoadingBenchmark",
      dependencies: ["SkillQuizKit", "QuestionIndex"],
      path: "Benchmarks/BankLoadingBenchmark",
      swiftSettings: strict
    ),
    // `skillquiz-synth`: synthetic banks, openings, postings, Markdown quizzes and histories at
    // any size, deterministic from `--seed`, for `scripts/bench`.
    .executableTarget(
      name: "SyntheticData",
      dependencies: [
        "SkillQuizKit", "SkillQuizStore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Benchmarks/SyntheticData",
      swiftSettings: strict
    ),
    // `swift run -c release AnswerCommitBenchmark --data-dir DIR --answers N`: the time of one
    // answer's commit on a copy of DIR's database.
    .executableTarget(
      name: "AnswerCommitBenchmark",
      dependencies: [
        "SkillQuizKit", "SkillQuizStore", .product(name: "GRDB", package: "GRDB.swift"),
      ],
      path: "Benchmarks/AnswerCommitBenchmark",
      swiftSettings: strict
    ),
    // The parsers that take untrusted input, as fuzz targets: libFuzzer drives them from `Fuzz/`,
    // and the tests replay every input that once crashed.
    .target(
      name: "FuzzTargets",
      dependencies: ["SkillQuizKit"],
      swiftSettings: strict
    ),
    .target(name: "CPseudoTerminal", path: "Tests/Support/CPseudoTerminal"),
    // Standings from every answer: the reference the running totals are checked against, in
    // the Kit's tests and the store's.
    .target(
      name: "HistoryReference", dependencies: ["SkillQuizKit"],
      path: "Tests/Support/HistoryReference", swiftSettings: strict),
    .testTarget(
      name: "SkillQuizKitTests",
      // Yams: the parser as it was, kept in the tests as the reference for the new one.
      dependencies: [
        "SkillQuizKit", "FuzzTargets", "HistoryReference", .product(name: "Yams", package: "Yams"),
      ],
      exclude: ["Fixtures"],
      swiftSettings: strict
    ),
    .testTarget(
      name: "QuestionIndexTests",
      dependencies: [
        "QuestionIndex", "SkillQuizKit", .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ],
      swiftSettings: strict
    ),
    .testTarget(
      name: "SkillQuizStoreTests",
      dependencies: [
        "SkillQuizStore", "SQLSandbox", "HistoryReference",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ],
      swiftSettings: strict
    ),
    .testTarget(
      name: "SQLSandboxTests",
      // skillquiz: the worker process of the isolated sandbox.
      dependencies: ["SQLSandbox", "SkillQuizKit", "skillquiz"],
      swiftSettings: strict
    ),
    .testTarget(
      name: "SyntheticDataTests",
      dependencies: ["SyntheticData", "SkillQuizKit", "SkillQuizStore", "SkillQuizUseCases"],
      swiftSettings: strict
    ),
    .testTarget(
      name: "skillquizTests",
      dependencies: [
        "skillquiz", "SkillQuizKit", "SkillQuizStore", "SkillQuizUseCases", "CPseudoTerminal",
      ],
      exclude: ["Fixtures"],
      swiftSettings: strict
    ),
  ]
)

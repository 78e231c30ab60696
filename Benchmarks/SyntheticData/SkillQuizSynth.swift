import ArgumentParser
import Foundation
import SkillQuizKit

/// `skillquiz-synth`: synthetic data at any size for `scripts/bench`, the same for the same
/// `--seed`.
@main
struct SkillQuizSynth: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "skillquiz-synth",
    abstract: "Write synthetic banks, openings, postings, Markdown quizzes and histories.",
    discussion: """
      Everything is deterministic from --seed. The text is word salad with a backend flavour,
      written fresh; nothing is copied from a real quiz or posting.
      """,
    subcommands: [
      BanksCommand.self, OpeningsCommand.self, PostingsCommand.self, MarkdownCommand.self,
      HistoryCommand.self,
    ])
}

/// The options every subcommand shares.
struct CommonOptions: ParsableArguments {
  @Option(help: "The seed of everything random.")
  var seed: UInt64 = 1

  @Option(
    help: ArgumentHelp(
      "The banks folder whose skills.yaml gives the catalog.", valueName: "dir"))
  var from = "QuestionBanks"

  var fromURL: URL { URL(fileURLWithPath: from) }
}

/// Writes text to standard error with `write(2)`, as much as it takes.
func writeStandardError(_ text: String) {
  var bytes = Array(text.utf8)[...]
  while !bytes.isEmpty {
    let written = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    if written < 0, errno == EINTR { continue }
    guard written > 0 else { return }
    bytes = bytes.dropFirst(written)
  }
}

/// Runs a body and turns its errors into one line for people and exit status 1.
func runReporting(_ body: () throws -> String) throws {
  do {
    print(try body())
  } catch let error as ExitCode {
    throw error
  } catch {
    writeStandardError("error: \(error)\n")
    throw ExitCode.failure
  }
}

struct BanksCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "banks", abstract: "A banks folder: skills.yaml, openings.yaml and bank files.")

  @OptionGroup var common: CommonOptions
  @Option(help: "How many questions.") var questions: Int
  @Option(help: "How many bank files (at least one per area).") var files: Int = 20
  @Option(help: "The average size of a question's YAML, in bytes.") var questionBytes = 600
  @Option(help: ArgumentHelp("The folder to write.", valueName: "dir")) var out: String

  func validate() throws {
    guard questions > 0, files > 0, questionBytes > 0 else {
      throw ValidationError("--questions, --files and --question-bytes must be positive")
    }
  }

  func run() throws {
    try runReporting {
      let summary = try SyntheticBanks(
        questions: questions, files: files, seed: common.seed, questionBytes: questionBytes
      ).write(from: common.fromURL, to: URL(fileURLWithPath: out))
      return
        "wrote \(summary.questions) questions in \(summary.files) files "
        + "(\(summary.bytes) bytes, \(summary.bytes / max(1, summary.questions)) a question) to \(out)"
    }
  }
}

struct OpeningsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "openings", abstract: "An openings.yaml of synthetic openings.")

  @OptionGroup var common: CommonOptions
  @Option(help: "How many openings.") var count: Int
  @Option(help: ArgumentHelp("The file to write.", valueName: "file")) var out: String

  func run() throws {
    try runReporting {
      let catalog = try loadCatalog(banks: common.fromURL)
      let text = SyntheticOpenings(count: count, seed: common.seed).yaml(catalog: catalog)
      try Data(text.utf8).write(to: URL(fileURLWithPath: out))
      return "wrote \(count) openings (\(text.utf8.count) bytes) to \(out)"
    }
  }
}

struct PostingsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "postings", abstract: "Greenhouse job-board JSON files for `jobs import`.")

  @OptionGroup var common: CommonOptions
  @Option(help: "How many postings.") var count: Int
  @Option(help: "Postings per board file.") var perFile = 50
  @Option(help: ArgumentHelp("The folder to write.", valueName: "dir")) var out: String

  func run() throws {
    try runReporting {
      let catalog = try loadCatalog(banks: common.fromURL)
      let folder = URL(fileURLWithPath: out)
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let boards = try SyntheticPostings(count: count, perFile: perFile, seed: common.seed)
        .boards(catalog: catalog)
      for board in boards {
        try Data(board.json.utf8).write(to: folder.appendingPathComponent(board.name))
      }
      return "wrote \(count) postings in \(boards.count) files to \(out)"
    }
  }
}

struct MarkdownCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "markdown", abstract: "A Markdown quiz file for `import`.")

  @OptionGroup var common: CommonOptions
  @Option(help: "How many questions.") var count: Int
  @Option(help: ArgumentHelp("The file to write.", valueName: "file")) var out: String

  func run() throws {
    try runReporting {
      let text = SyntheticMarkdown(count: count, seed: common.seed).text()
      try Data(text.utf8).write(to: URL(fileURLWithPath: out))
      return "wrote \(count) questions (\(text.utf8.count) bytes) to \(out)"
    }
  }
}

struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history", abstract: "A progress database of answers over about two years.")

  @OptionGroup var common: CommonOptions
  @Option(help: "How many answers.") var answers: Int
  @Option(help: ArgumentHelp("The banks whose questions are answered.", valueName: "dir"))
  var banks: String
  @Option(help: ArgumentHelp("The data folder to write.", valueName: "dir")) var dataDir: String

  func run() throws {
    try runReporting {
      let library: QuestionLibrary
      do {
        library = try BankLoader().load(
          from: DirectoryBankSource(root: URL(fileURLWithPath: banks)))
      } catch {
        throw SynthError("cannot load the banks in '\(banks)': \(error)")
      }
      let summary = try SyntheticHistory(answers: answers, seed: common.seed).write(
        library: library, dataDirectory: URL(fileURLWithPath: dataDir),
        progress: StandardErrorProgress())
      return "wrote \(summary.answers) answers in \(summary.quizzes) quizzes to \(dataDir)"
    }
  }
}

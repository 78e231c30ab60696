import Foundation
import SkillQuizKit

/// Small banks written inline, so each test shows the YAML it is about.
enum BankFixtures {
  static let skills = """
    schema: 1
    areas:
      - id: git
        name: Version control (Git)
        aliases: [vcs]
        topics:
          - {id: basics, name: Git basics}
          - {id: branching, name: Branching, aliases: [merge]}
      - id: containers
        name: Containers
        topics:
          - {id: docker, name: Docker}
          - {id: kubernetes, name: Kubernetes, aliases: [k8s]}
    """

  static let gitBank = """
    schema: 1
    area: git
    questions:
      - id: git.single
        topic: basics
        difficulty: easy
        type: single
        prompt: Which command shows the working tree status?
        options:
          - {id: a, text: git status}
          - {id: b, text: git log}
          - {id: c, text: git show}
        answer: a
        explanation: "`git status` shows it."
        references: ["https://git-scm.com/docs/git-status"]
      - id: git.multiple
        topic: branching
        difficulty: medium
        type: multiple
        prompt: Which create a branch? (Select all that apply.)
        options:
          - {id: a, text: git branch x}
          - {id: b, text: git switch -c x}
          - {id: c, text: git log x}
          - {id: d, text: git tag x}
        answer: [a, b]
        explanation: Both create a branch.
      - id: git.truth
        topic: branching
        difficulty: hard
        type: true_false
        prompt: A fast-forward merge creates a merge commit.
        answer: false
        explanation: It only moves the pointer.
      - id: git.short
        topic: basics
        difficulty: medium
        type: short
        prompt: Which flag of git config writes to ~/.gitconfig?
        accept: ["--global"]
        explanation: "`--global` is the per-user scope."
    """

  static func source(banks: [String: String]) -> InMemoryBankSource {
    InMemoryBankSource(
      skills: BankFile(path: "skills.yaml", contents: skills),
      banks: banks.sorted { $0.key < $1.key }.map { BankFile(path: $0.key, contents: $0.value) })
  }

  static func library(banks: [String: String] = ["git.yaml": gitBank]) throws -> QuestionLibrary {
    try BankLoader().load(from: source(banks: banks))
  }

  /// The bundled banks of this repository.
  static var bundledBanks: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "QuestionBanks")
  }
}

import ArgumentParser
import Foundation
import SkillQuizKit

/// Tab completion at the prompt, from the command tree's own description.
enum CommandCompletion {
  /// Completes commands and options from the tree, and areas, topics, levels and opening ids
  /// (read when Tab asks for them) by the arguments' value names.
  static func make(catalog: SkillCatalog, openingIDs: @escaping () -> [String])
    -> CommandTreeCompletion?
  {
    CommandTreeCompletion(json: SkillQuizCommand._dumpHelp(), hidden: ["repl"]) { name, previous in
      switch name {
      case "scope": [catalog.canonicalWords, catalog.allWords]
      case "area": [catalog.areas.map(\.id), catalog.allWords]
      case "opening": [openingIDs()]
      case "value" where previous == "level": [SeniorityLevel.allCases.map(\.name)]
      default: []
      }
    }
  }
}

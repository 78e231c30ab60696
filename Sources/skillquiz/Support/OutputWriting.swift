import Foundation
import SkillQuizKit

extension CommandContext {
  /// Writes a command's output: to standard output for `-`, else to the file (never replacing
  /// what is not a regular file), then says on standard error what was written where.
  func emit(_ text: String, to out: String, what: String) throws {
    switch OutputDestination(out) {
    case .standardOutput:
      console.write(text)
    case .file(let path):
      let written = try OutputFile.write(Data(text.utf8), to: path)
      console.writeError("Wrote \(what) to \(written)\n")
    }
  }
}

import SkillQuizKit
import SkillQuizStore

/// `doctor`: one line per check, a mark first, and the fix under a problem.
struct DoctorView {
  let renderer: Renderer

  func render(_ report: DoctorReport) -> String {
    var lines: [String] = []
    for check in report.checks {
      let (mark, style): (String, Style) =
        switch check.status {
        case .ok: ("✓", .correct)
        case .fixed: ("✓", .correct)
        case .notice: ("!", .partial)
        case .problem: ("✗", .wrong)
        case .notApplicable: ("–", .dim)
        }
      let label = check.status == .fixed ? "fixed " : ""
      lines.append(
        renderer.style(mark, style) + " \(check.subject): " + label
          + TerminalText.sanitize(check.detail, keepNewlines: false))
      if let fix = check.fix {
        let prefix = check.status == .problem ? "    fix: " : "    "
        lines.append(prefix + TerminalText.sanitize(fix, keepNewlines: false))
      }
    }
    return lines.joined(separator: "\n")
  }
}

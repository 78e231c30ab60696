import Foundation
import SkillQuizKit
import SkillQuizUseCases

/// `weak`: topics weakest first, then the leeches with their explanation.
struct WeakView {
  let renderer: Renderer

  func render(_ report: WeakReport) -> String {
    guard report.hasAnswers else {
      return renderer.markdown(
        "No answers yet, so nothing is weak or strong. Start with `quiz git 10`.")
    }
    let layout = TableLayout([
      TableColumn("topic"), TableColumn("estimate"), TableColumn("questions", alignment: .right),
      TableColumn("recent misses", alignment: .right, wraps: true), TableColumn("next step"),
    ])
    let rows = report.topics.map { line -> [String] in
      [
        TerminalText.sanitize(line.topic.name),
        line.hasEnoughData
          ? line.profile.map { "score " + $0.score.text } ?? "" : "not enough data",
        "\(line.profile?.answered ?? 0)", "\(line.recentMisses)", line.nextStep,
      ]
    }
    var lines = renderer.table(layout, rows)
    if report.untouchedCount > 0 {
      lines.append(
        renderer.style(
          "\(report.untouchedCount) topics not practised yet; `skills` lists them.", .dim))
    }
    lines.append(
      renderer.style(
        renderer.markdown(
          "Scores use every answer (quiz, review, drill, assess) on the 0-300 scale of `assess`;"
            + " ± is 50 × the posterior SD, so 2 right of 2 never reads as a perfect score."
            + " Fewer than \(SkillProfile.Entry.minimumAnswers) questions: not enough data."),
        .dim))
    lines += leeches(report)
    return lines.joined(separator: "\n")
  }

  private func leeches(_ report: WeakReport) -> [String] {
    guard !report.leeches.isEmpty else { return [] }
    var lines = [
      "",
      renderer.style(
        renderer.markdown(
          "Leeches: missed \(StoredCard.leechThreshold) times or more. Review leaves them out;"
            + " read why, then try them again with `drill`."), .bold),
    ]
    for (card, question) in report.leeches {
      let first = MarkdownLite.firstLine(of: question.prompt)
      lines.append("")
      lines.append(
        renderer.markdown(
          "\(question.id) (missed \(card.misses) times): " + first, indent: "• ",
          hangingIndent: "  "))
      lines.append(renderer.markdown(question.explanation, indent: "  "))
      for reference in question.references {
        lines.append(renderer.style("  ↗ " + TerminalText.sanitize(reference.url), .dim))
      }
    }
    return lines
  }
}

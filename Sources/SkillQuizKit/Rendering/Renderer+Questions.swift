import Foundation

extension Renderer {
  // MARK: Questions

  /// The header, prompt and options of a question.
  public func question(
    _ presented: PresentedQuestion, number: Int, of total: Int, label: String,
    note: String? = nil
  ) -> String {
    let question = presented.question
    var kindNote = ""
    switch question.kind {
    case .multiple: kindNote = " · select all that apply"
    case .trueFalse: kindNote = " · true or false"
    case .short: kindNote = " · type the answer"
    case .numeric: kindNote = " · type a number"
    case .sql: kindNote = " · write a query"
    case .single: break
    }
    let headerText = TerminalText.sanitize(

      "[\(TerminalText.sanitize(label)) · \(total > 0 ? "\(number)/\(total)" : "#\(number)")"
        + "\(note.map { " · " + $0 } ?? "")"
        + " · \(question.difficulty.rawValue)\(kindNote)]",
      keepNewlines: false)
    let header = TextWrapper.wrap(headerText, width: width).map { style($0, .accent) }
      .joined(separator: "\n")
    var lines = [header, markdown(question.prompt)]
    if !presented.options.isEmpty {
      lines.append("")
      for (index, option) in presented.options.enumerated() {
        let letter = PresentedQuestion.letter(at: index)
        lines.append(markdown(option.text, indent: "  " + style(letter + ")", .bold) + " "))
      }
    }
    return lines.joined(separator: "\n")
  }

  /// The feedback after an answer: verdict, the right answer, why, and references.
  public func feedback(
    for presented: PresentedQuestion, response: Response?, grade: Grade?
  ) -> String {
    let question = presented.question
    var chosen: Set<String> = []
    if case .choices(let ids)? = response { chosen = ids }
    var lines: [String] = []
    switch (response, grade) {
    case (nil, _):
      lines.append(
        contentsOf: rightAnswer(presented, chosen: chosen, verdict: style("↷ Skipped.", .partial)))
    case (_, let grade?) where grade.isCorrect:
      lines.append(style("✓ Correct.", .correct))
    case (_, let grade?) where grade.score > 0:
      let percent = Int((grade.score * 100).rounded())
      lines.append(
        contentsOf: rightAnswer(
          presented, chosen: chosen,
          verdict: style(
            "◐ Partly right (\(percent)% credit: counts as a miss for review and for your"
              + " skill estimate).", .partial)))
    default:
      lines.append(
        contentsOf: rightAnswer(presented, chosen: chosen, verdict: style("✗ Not quite.", .wrong)))
    }
    if case .choices(let chosen)? = response {
      let wrongPicks = presented.options.filter {
        chosen.contains($0.id) && !isRight($0, question)
      }
      if case .multiple = question.answer, !wrongPicks.isEmpty {
        lines.append(style("  Your wrong picks:", .wrong))
      }
      for option in wrongPicks {
        guard let letter = presented.letter(forOptionID: option.id) else { continue }
        let mark = style("✗", .wrong)
        if case .multiple = question.answer {
          lines.append(
            markdown(option.text, indent: "  \(mark) \(letter)) ", hangingIndent: "       "))
          if let why = option.why { lines.append(markdown(why, indent: "       ")) }
        } else if let why = option.why {
          lines.append(markdown(why, indent: "  \(mark) \(letter)) ", hangingIndent: "       "))
        }
      }
    }
    lines.append(markdown(question.explanation, indent: "  "))
    for reference in question.references {
      let url = TerminalText.sanitize(reference.url, keepNewlines: false)
      var line = "  ↗ " + url
      if let title = reference.title {
        let room = width - TerminalText.visibleWidth(of: line) - 3
        if room >= 12 {
          line +=
            " · "
            + TerminalText.truncate(
              TerminalText.sanitize(title, keepNewlines: false), toColumns: room)
        }
      }
      lines.append(style(line, .dim))
    }
    return lines.joined(separator: "\n")
  }

  private func isRight(_ option: QuestionOption, _ question: Question) -> Bool {
    switch question.answer {
    case .single(let id): option.id == id
    case .multiple(let ids): ids.contains(option.id)
    default: false
    }
  }

  /// The verdict followed by the right answer, wrapped like bank text.
  private func rightAnswer(
    _ presented: PresentedQuestion, chosen: Set<String>, verdict: String
  ) -> [String] {
    let question = presented.question
    switch question.answer {
    case .single(let id):
      let letter = presented.letter(forOptionID: id) ?? "?"
      let text = question.options.first { $0.id == id }?.text ?? ""
      return [
        markdown("\(letter)) \(text)", indent: verdict + " The answer is ", hangingIndent: "  ")
      ]
    case .multiple(let ids):
      var lines = [verdict + " The answers are:"]
      for (index, option) in presented.options.enumerated() where ids.contains(option.id) {
        let mark = chosen.contains(option.id) ? style("✓", .correct) : " "
        lines.append(
          markdown(option.text, indent: "  \(mark) \(PresentedQuestion.letter(at: index))) "))
      }
      return lines
    case .trueFalse(let value):
      return [verdict + " The answer is \(value ? "true" : "false")."]
    case .short(let accepted, _):
      let list = accepted.map { "`\($0.replacingOccurrences(of: "`", with: "'"))`" }
      return [
        markdown(list.joined(separator: ", "), indent: verdict + " Accepted: ", hangingIndent: "  ")
      ]
    case .numeric(let ranges):
      return [verdict + " Accepted: " + ranges.map(\.text).joined(separator: ", ") + "."]
    case .sql:
      return [verdict]
    }
  }

}

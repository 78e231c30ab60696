import Foundation
import SkillQuizKit
import SkillQuizStore

/// The weak-area commands: `review`, `drill`, `weak` and `set retention`.
extension REPL {
  /// The default number of cards one `review` asks.
  static let defaultReviewLimit = 20

  /// Resolves an optional scope word, reporting an unknown one; `.some(nil)` means everything.
  private func resolve(_ word: String?) -> SkillScope?? {
    guard let word else { return .some(nil) }
    guard let scope = library.catalog.scope(named: word) else {
      reportUnknownScope(word)
      return nil
    }
    return .some(scope)
  }

  private func loadCards() -> [StoredCard]? {
    do {
      return try store.cards()
    } catch {
      console.error(error.description)
      return nil
    }
  }

  // MARK: review

  func runReview(scopeWord: String?, limit: Int?) -> Bool {
    guard let resolved = resolve(scopeWord), let cards = loadCards() else { return true }
    let now = clock.now
    let due = ReviewQueue.due(cards, in: resolved, library: library, at: now)
    guard !due.isEmpty else {
      console.line(nothingDueMessage(cards: cards, scope: resolved, now: now))
      return true
    }
    let chosen = due.prefix(limit ?? Self.defaultReviewLimit)
    let questions = chosen.compactMap { library.question(id: $0.questionID) }.map(present)
    let place = resolved.map { " in \($0.name)" } ?? ""
    console.line(
      renderer.style(
        "\(due.count) \(due.count == 1 ? "card is" : "cards are") due\(place); "
          + "reviewing \(questions.count), most overdue first.", .bold))
    var runner = QuizRunner(
      session: QuizSession(scope: resolved, questions: questions), repl: self,
      requestedCount: questions.count, difficulty: nil)
    runner.mode = .review
    runner.headerNote = "\(due.count) due"
    let keepGoing = runner.run()
    if keepGoing, let after = loadCards() {
      let left = ReviewQueue.due(after, in: resolved, library: library, at: clock.now)
      console.line(
        left.isEmpty
          ? nothingDueMessage(cards: after, scope: resolved, now: clock.now)
          : "\(left.count) still due: `review` again to continue.")
    }
    return keepGoing
  }

  /// What comes next when nothing is due.
  func nothingDueMessage(cards: [StoredCard], scope: SkillScope?, now: Date) -> String {
    let place = scope.map { " in \($0.name)" } ?? ""
    guard let next = ReviewQueue.nextDue(cards, in: scope, library: library, after: now) else {
      let target = scope.map { $0.label.split(separator: "/").last.map(String.init) ?? "" } ?? "git"
      return "Nothing to review\(place) yet: every question you answer gets a review card. "
        + "Take a quiz first, such as `quiz \(target) 10`."
    }
    return "Nothing is due\(place). The next card is due \(Self.describe(next, from: now)). "
      + "Meanwhile: `weak` shows where to practise."
  }

  /// A due time in words: "in 40 min", "in 5 h (today 18:10)", "on 2026-12-03 09:10".
  static func describe(_ date: Date, from now: Date) -> String {
    let seconds = date.timeIntervalSince(now)
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    if seconds < 3600 { return "in \(max(1, Int((seconds / 60).rounded(.up)))) min" }
    if seconds < 48 * 3600 {
      return "in \(Int((seconds / 3600).rounded())) h (\(formatter.string(from: date)))"
    }
    return "in \(Int((seconds / 86_400).rounded())) days (\(formatter.string(from: date)))"
  }

  // MARK: drill

  func runDrill(scopeWord: String?) -> Bool {
    guard let resolved = resolve(scopeWord), let answers = loadAnswers() else { return true }
    let missed = WeakAreas.missedQuestions(answers: answers, in: resolved, library: library)
    guard !missed.isEmpty else {
      let place = resolved.map { " in \($0.name)" } ?? ""
      console.line("No missed questions\(place): your last answer to each was right. Try `weak`.")
      return true
    }
    console.line(
      renderer.style(
        "\(missed.count) \(missed.count == 1 ? "question" : "questions") to get right; "
          + "a miss comes back at the end.", .bold))
    var runner = QuizRunner(
      session: QuizSession(scope: resolved, questions: missed.map(present)), repl: self,
      requestedCount: missed.count, difficulty: nil)
    runner.mode = .drill
    return runner.run()
  }

  // MARK: weak

  func showWeak(scopeWord: String?) {
    guard let resolved = resolve(scopeWord), let answers = loadAnswers(),
      let cards = loadCards()
    else { return }
    let areas =
      resolved.flatMap { library.catalog.area(id: $0.areaID) }.map { [$0] }
      ?? library.catalog.areas
    let profile = SkillProfile(
      answers: answers, library: library, calibrated: calibratedParameters())
    let ranked = WeakAreas.rank(
      areas: areas, answers: answers, cards: cards, library: library, profile: profile,
      now: clock.now)
    guard ranked.contains(where: { $0.profile != nil }) else {
      console.line("No answers yet, so nothing is weak or strong. Start with `quiz git 10`.")
      return
    }
    let shown = ranked.filter { $0.profile != nil || resolved != nil }
    let nameWidth = max(5, shown.map { TerminalText.width(of: $0.topic.name) }.max() ?? 10)
    console.line(
      renderer.style(
        Renderer.pad("topic", nameWidth) + "  estimate         questions  recent misses  next step",
        .bold))
    for line in shown {
      let estimate =
        line.hasEnoughData
        ? Renderer.pad(line.profile.map { "score " + $0.score.text } ?? "", 15)
        : renderer.style(Renderer.pad("not enough data", 15), .dim)
      console.line(
        Renderer.pad(TerminalText.sanitize(line.topic.name), nameWidth) + "  "
          + estimate + "  " + Renderer.pad("\(line.profile?.answered ?? 0)", 9, right: true)
          + "  " + Renderer.pad("\(line.recentMisses)", 13, right: true) + "  "
          + renderer.style(line.nextStep, .accent))
    }
    let untouched = ranked.filter { $0.profile == nil }.count
    if untouched > 0, resolved == nil {
      console.line(
        renderer.style("\(untouched) topics not practised yet; `skills` lists them.", .dim))
    }
    console.line(
      renderer.style(
        "Scores use every answer (quiz, review, drill, assess) on the 0-300 scale of `assess`;"
          + " ± is 50 × the posterior SD, so 2 right of 2 never reads as a perfect score."
          + " Fewer than \(SkillProfile.Entry.minimumAnswers) questions: not enough data.", .dim))
    showLeeches(cards: cards, scope: resolved)
  }

  private func showLeeches(cards: [StoredCard], scope: SkillScope?) {
    let leeches = cards.filter(\.isLeech).compactMap { card in
      library.question(id: card.questionID).map { (card, $0) }
    }.filter { scope?.contains($0.1) ?? true }
    guard !leeches.isEmpty else { return }
    console.line()
    console.line(
      renderer.style(
        "Leeches: missed \(StoredCard.leechThreshold) times or more. Review leaves them out;"
          + " read why, then try them again with `drill`.", .bold))
    for (card, question) in leeches {
      let first =
        MarkdownLite.blocks(question.prompt).first.map { block -> String in
          if case .paragraph(let lines) = block { return lines.joined(separator: " ") }
          return "(code)"
        } ?? ""
      console.line()
      console.line(
        renderer.markdown(
          "\(question.id) (missed \(card.misses) times): " + first, indent: "• ",
          hangingIndent: "  "))
      console.line(renderer.markdown(question.explanation, indent: "  "))
      for reference in question.references {
        console.line(renderer.style("  ↗ " + TerminalText.sanitize(reference.url), .dim))
      }
    }
  }

  // MARK: set

  func changeSetting(key: String?, value: String?) {
    guard let key else {
      let retention = (try? store.desiredRetention()) ?? 0.9
      console.line("retention \(retention)  (the recall probability reviews aim for)")
      return
    }
    if key == "level" {
      guard let value else {
        console.line("level \((try? store.setting("level")) ?? nil ?? "not set")")
        return
      }
      guard let level = SeniorityLevel(name: value) else {
        console.error("'\(value)' is not a level; use junior, mid, senior or staff")
        return
      }
      do {
        try store.setSetting("level", to: level.name)
        console.line("Your level is now \(level.name); job matches use it.")
      } catch {
        console.error(error.description)
      }
      return
    }
    guard key == "retention" else {
      console.error("no setting '\(key)'; use `set retention 0.9` or `set level mid`")
      return
    }
    guard let value else {
      console.line("retention \((try? store.desiredRetention()) ?? 0.9)")
      return
    }
    guard let number = Double(value), (0.7...0.97).contains(number) else {
      console.error("retention must be a number from 0.70 to 0.97, such as 0.9")
      return
    }
    do {
      try store.setDesiredRetention(number)
      console.line("Desired retention is now \(number); every card was rescheduled.")
    } catch {
      console.error(error.description)
    }
  }
}

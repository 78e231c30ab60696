import ArgumentParser
import Foundation
import SkillQuizKit
import SkillQuizUseCases

/// The interactive loop: reads a line, parses it with the shell's command tree, runs it.
final class REPL {
  let context: CommandContext
  private var hintedAboutExit = false

  init(context: CommandContext) {
    self.context = context
  }

  private var console: any Console { context.console }

  private var help: HelpView {
    HelpView(renderer: context.renderer, catalog: try? context.library().catalog)
  }

  private func prompt(interactive: Bool) -> String {
    guard interactive else { return "" }
    guard console.usesColor else { return "skillquiz> " }
    return "\u{1}\u{1B}[1;36m\u{1}skillquiz>\u{1}\u{1B}[0m\u{1} "
  }

  /// Runs until `quit`, the end of input, or output that can no longer be written (the
  /// process's exit status then says why); returns the exit status.
  func run() -> Int32 {
    guard let reader = try? context.reader() else { return 1 }
    if reader.isInteractive { showBanner() }
    while console.outputFailure == nil {
      switch reader.readLine(prompt: prompt(interactive: reader.isInteractive)) {
      case .endOfInput:
        if reader.isInteractive { console.line() }
        return 0
      case .interrupted:
        if !hintedAboutExit {
          console.line(context.renderer.style("(type 'quit' or press Ctrl-D to leave)", .dim))
          hintedAboutExit = true
        }
      case .line(let line):
        reader.addToHistory(line)
        if !execute(line) { return 0 }
      }
    }
    return 0
  }

  private func showBanner() {
    do {
      let workspace = try context.workspace()
      let library = workspace.library
      console.line(
        context.renderer.style(
          "skillquiz \(SkillQuizCommand.version) · \(library.catalog.areas.count) skill areas · "
            + "\(TextFormat.grouped(library.count)) questions · type 'help'", .bold))
      let due = try SessionPlanning.dueCount(workspace)
      if due > 0 {
        console.line(
          context.renderer.style(
            "\(TextFormat.grouped(due)) \(due == 1 ? "card is" : "cards are") due: type `review`.",
            .accent))
      }
    } catch {
      context.report(error)
    }
  }

  /// Runs one line; returns false when the prompt should stop (quit, or input ended).
  func execute(_ line: String) -> Bool {
    var words: [String]
    do {
      words = try ShellWords.split(line)
    } catch {
      console.error(error.description)
      return true
    }
    guard let first = words.first?.lowercased() else { return true }
    words[0] = first
    switch first {
    case "help", "?", "h":
      let (text, known) = help.help(for: Array(words.dropFirst()))
      known ? console.line(text) : console.error(text)
      return true
    case ":q":
      return false
    case "repl":
      console.error("you are at the prompt already")
      return true
    default:
      break
    }
    if first.hasPrefix("-") {
      console.error(
        "options such as --seed or --banks go on the shell command line, as in "
          + "`skillquiz --seed 7`; at the prompt, type a command ('help' lists them)")
      return true
    }
    guard CommandTree.command(named: first) != nil else {
      let close = closestMatches(to: first, among: CommandTree.names, limit: 2)
      let typed = TerminalText.echo(first)
      console.error(
        "unknown command '\(typed)'.\(UseCaseError.didYouMean(close)) Type 'help' for the list.")
      return true
    }
    let command: any ParsableCommand
    do {
      command = try SkillQuizCommand.parseAsRoot(words)
    } catch {
      console.usageProblem(
        SkillQuizCommand.fullMessage(for: error, columns: console.width),
        isHelp: SkillQuizCommand.exitCode(for: error) == .success)
      return true
    }
    guard let runnable = command as? any RunnableCommand else {
      console.line(help.help(for: [first]).text)
      return true
    }
    do {
      try runnable.run(in: context)
    } catch CommandOutcome.quit, CommandOutcome.endOfInput {
      return false
    } catch {
      context.report(error)
    }
    return true
  }
}

/// The command tree's names, for the prompt: which words start a command.
enum CommandTree {
  /// Every command name and alias, first level.
  static var names: [String] {
    SkillQuizCommand.commands.flatMap { [$0._commandName] + $0.configuration.aliases } + ["help"]
  }

  /// The command a word names (name or alias), first level.
  static func command(named word: String) -> (any ParsableCommand.Type)? {
    let word = word.lowercased()
    return SkillQuizCommand.commands.first {
      $0._commandName == word || $0.configuration.aliases.contains(word)
    }
  }

  /// The subcommand a word names under a command.
  static func subcommand(of parent: any ParsableCommand.Type, named word: String)
    -> (any ParsableCommand.Type)?
  {
    parent.configuration.subcommands.first {
      $0._commandName == word || $0.configuration.aliases.contains(word)
    }
  }
}

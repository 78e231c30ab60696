import ArgumentParser
import SkillQuizKit
import SkillQuizUseCases

/// `help` at the prompt: the command list, or one command's help, from the command tree.
struct HelpView {
  let renderer: Renderer
  let catalog: SkillCatalog?

  /// The help for the words after `help`, and whether they named a command.
  func help(for words: [String]) -> (text: String, known: Bool) {
    guard let first = words.first else { return (list(), true) }
    guard var command = CommandTree.command(named: first) else {
      let close = closestMatches(to: first.lowercased(), among: CommandTree.names, limit: 2)
      let typed = TerminalText.echo(first)
      return (
        "no command '\(typed)'.\(UseCaseError.didYouMean(close)) Type 'help' for the list.", false
      )
    }
    for word in words.dropFirst() {
      guard let sub = CommandTree.subcommand(of: command, named: word.lowercased()) else { break }
      command = sub
    }
    let text = SkillQuizCommand.helpMessage(for: command, columns: renderer.width)
      .replacingOccurrences(of: "USAGE: skillquiz ", with: "USAGE: ")
    let promptOnly = (command as? any RunnableCommand.Type)?.place == .promptOnly
    return (text + (promptOnly ? "\nWorks only at the skillquiz> prompt." : ""), true)
  }

  /// Every command with its one-line summary.
  private func list() -> String {
    let rows = SkillQuizCommand.commands.filter { $0 != PromptCommand.self }.map {
      command -> [String] in
      let aliases = command.configuration.aliases
      return [
        command._commandName + (aliases.isEmpty ? "" : " (\(aliases.joined(separator: ", ")))"),
        command.configuration.abstract,
      ]
    }
    var lines = ["Commands:"]
    lines += renderer.table(
      TableLayout([TableColumn(""), TableColumn("")], indent: "  "), rows)
    lines.append("")
    if let catalog {
      lines += TextWrapper.wrap(
        "Areas: " + catalog.areas.map(\.id).joined(separator: ", "), width: renderer.width)
    }
    lines += TextWrapper.wrap(
      "`help <command>` explains one, with its options. Every command except clear and quit "
        + "also runs from the shell: `skillquiz stats --json`, `skillquiz quiz git 5`. Tab "
        + "completes commands, options, areas, topics and opening ids; Up and Down walk your "
        + "history.", width: renderer.width)
    return lines.joined(separator: "\n")
  }
}

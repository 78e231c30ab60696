import ArgumentParser
import SkillQuizUseCases

extension SettingKey: ExpressibleByArgument {}

/// `set [retention|level] [value]`.
struct SetCommand: RunnableCommand {
  static let configuration = CommandConfiguration(
    commandName: "set",
    abstract: "Show or change a setting: `set retention 0.9`, `set level mid`.",
    discussion: reflowed(
      """
      retention (0.70 to 0.97, default 0.9): the recall probability reviews aim for. Higher
      means more reviews. Changing it reschedules every card from your answer history.

      level (junior, mid, senior or staff): your career level, for the seniority factor of
      job matches. Not set, no seniority factor applies.

      `set` alone shows both; `set level` shows one.
      """))

  @ParentCommand var globals: SkillQuizCommand
  @Argument(help: "retention or level.")
  var key: SettingKey?
  @Argument(help: ArgumentHelp("The new value.", valueName: "value"))
  var value: String?

  func run(in context: CommandContext) throws {
    let workspace = try context.workspace()
    guard let key, let value else {
      for (name, current) in try SettingsChange.current(workspace) where key == nil || key == name {
        context.console.line("\(name.rawValue) \(current)")
      }
      return
    }
    context.console.line(try SettingsChange.set(key, to: value, in: workspace))
  }
}

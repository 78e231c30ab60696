import Foundation

/// Tab completion read from a command tree's own description.
///
/// The description is the JSON that ArgumentParser's `--experimental-dump-help` prints. It
/// completes command names, options, and argument values.
public final class CommandTreeCompletion {
  private struct ToolInfo: Decodable {
    let command: Command
  }

  private struct Command: Decodable {
    let commandName: String
    let aliases: [String]?
    let defaultSubcommand: String?
    let shouldDisplay: Bool?
    let subcommands: [Command]?
    let arguments: [Argument]?
  }

  private struct Argument: Decodable {
    struct Name: Decodable {
      let kind: String
      let name: String
    }

    let kind: String
    let names: [Name]?
    let valueName: String?
    let allValues: [String]?
    let shouldDisplay: Bool
  }

  private let root: Command
  private let hidden: Set<String>
  private let values: (_ valueName: String?, _ previousPositional: String?) -> [[String]]

  /// Reads the tree; nil when the JSON is not a command tree.
  ///
  /// - Parameters:
  ///   - json: The dump of the root command.
  ///   - hidden: Commands never offered (such as the one that starts the prompt).
  ///   - values: The values of an argument without a fixed list, by its value name, in tiers
  ///     (given the positional word before it, for arguments that depend on it).
  public init?(
    json: String, hidden: Set<String> = [],
    values: @escaping (_ valueName: String?, _ previousPositional: String?) -> [[String]]
  ) {
    guard let info = try? JSONDecoder().decode(ToolInfo.self, from: Data(json.utf8)) else {
      return nil
    }
    root = info.command
    self.hidden = hidden
    self.values = values
  }

  /// The words that may come next, in tiers (the first tier with a match wins).
  public func candidates(previousWords: [String]) -> [[String]] {
    let visible = (root.subcommands ?? []).filter {
      $0.shouldDisplay != false && !hidden.contains($0.commandName)
    }
    guard let first = previousWords.first?.lowercased() else {
      return [visible.map(\.commandName) + ["help"]]
    }
    if first == "help" {
      return previousWords.count == 1 ? [visible.map(\.commandName)] : []
    }
    guard var command = visible.first(where: { Self.names($0).contains(first) }) else { return [] }
    var rest = Array(previousWords.dropFirst())
    while let word = rest.first,
      let sub = command.subcommands?.first(where: { Self.names($0).contains(word) })
    {
      command = sub
      rest.removeFirst()
    }
    let subcommandNames = rest.isEmpty ? (command.subcommands ?? []).map(\.commandName) : []
    if let name = command.defaultSubcommand,
      let sub = command.subcommands?.first(where: { $0.commandName == name })
    {
      command = sub
    }
    let arguments = (command.arguments ?? []).filter(\.shouldDisplay)
    let options = arguments.filter { $0.kind != "positional" }
    let optionNames = options.compactMap { $0.names?.first { $0.kind == "long" } }.map {
      "--" + $0.name
    }.filter { $0 != "--help" && $0 != "--version" }
    if let last = rest.last,
      let option = options.first(where: { option in
        option.kind == "option"
          && (option.names ?? []).contains { ($0.kind == "long" ? "--" : "-") + $0.name == last }
      })
    {
      return values(for: option, previous: nil)
    }
    var positionalIndex = 0
    var index = 0
    var previousPositional: String?
    while index < rest.count {
      let word = rest[index]
      if word.hasPrefix("-") {
        let takesValue = options.contains { option in
          option.kind == "option"
            && (option.names ?? []).contains { ($0.kind == "long" ? "--" : "-") + $0.name == word }
        }
        index += takesValue ? 2 : 1
        continue
      }
      previousPositional = word
      positionalIndex += 1
      index += 1
    }
    let positionals = arguments.filter { $0.kind == "positional" }
    let next = positionalIndex < positionals.count ? positionals[positionalIndex] : nil
    let tiers = next.map { values(for: $0, previous: previousPositional) } ?? []
    return [
      subcommandNames + (tiers.first ?? []), subcommandNames + tiers.flatMap { $0 } + optionNames,
    ]
  }

  private static func names(_ command: Command) -> [String] {
    [command.commandName] + (command.aliases ?? [])
  }

  /// The values an argument takes, in tiers.
  private func values(for argument: Argument, previous: String?) -> [[String]] {
    if let all = argument.allValues, !all.isEmpty { return [all] }
    return values(argument.valueName, previous)
  }
}

import SkillQuizKit

extension Renderer {
  /// A renderer for a console; one column is kept free so a full line never wraps early.
  init(console: any Console) {
    self.init(color: console.usesColor, width: console.width - 1, fitsTables: console.isTerminal)
  }
}

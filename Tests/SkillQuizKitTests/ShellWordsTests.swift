import SkillQuizKit
import Testing

struct ShellWordsTests {
  @Test(arguments: [
    ("quiz git 5", ["quiz", "git", "5"]),
    ("  jobs   --type FULL_TIME  ", ["jobs", "--type", "FULL_TIME"]),
    ("jobs --location 'San Francisco'", ["jobs", "--location", "San Francisco"]),
    ("jobs --location \"Los Angeles\"", ["jobs", "--location", "Los Angeles"]),
    ("say \"a \\\"quoted\\\" word\"", ["say", "a \"quoted\" word"]),
    ("say \"back\\slash\"", ["say", "back\\slash"]),
    ("say it\\'s", ["say", "it's"]),
    ("say ''", ["say", ""]),
    ("say a\" b \"c", ["say", "a b c"]),
    ("", []),
  ])
  func splitsLikeAShell(line: String, words: [String]) throws {
    #expect(try ShellWords.split(line) == words)
  }

  @Test func anUnclosedQuoteIsAnErrorThatNamesIt() {
    #expect(throws: ShellWordsError(quote: "'")) { try ShellWords.split("jobs --location 'San") }
    #expect(throws: ShellWordsError(quote: "\"")) { try ShellWords.split("a \"b") }
  }
}

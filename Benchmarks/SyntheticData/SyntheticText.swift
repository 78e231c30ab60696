import Foundation
import SkillQuizKit

/// Seeded word salad with a backend flavour: enough variety that prompts are not
/// near-duplicates of each other, nothing copied from any real quiz.
struct SyntheticText {
  var random: SeededRandom

  init(seed: UInt64) {
    random = SeededRandom(seed: seed)
  }

  static let nouns = [
    "request", "response", "cache", "index", "query", "table", "row", "column", "service",
    "container", "image", "volume", "cluster", "node", "pod", "deployment", "secret", "token",
    "certificate", "key", "branch", "commit", "remote", "merge", "rebase", "tag", "queue",
    "message", "topic", "partition", "replica", "leader", "follower", "transaction", "lock",
    "snapshot", "schema", "migration", "endpoint", "header", "payload", "status code", "client",
    "server", "proxy", "gateway", "bucket", "object", "function", "handler", "thread", "process",
    "socket", "connection", "pool", "timeout", "retry", "backoff", "checksum", "digest", "policy",
    "role", "permission", "session", "cookie", "scope", "claim", "signature", "hash", "salt",
    "buffer", "stream", "batch", "worker", "scheduler", "job", "log", "metric", "trace", "span",
    "alert", "probe", "limit", "quota", "shard", "view", "trigger", "cursor", "plan", "filter",
  ]
  static let adjectives = [
    "stale", "idle", "primary", "secondary", "signed", "encrypted", "cached", "pending",
    "detached", "orphaned", "immutable", "mutable", "durable", "volatile", "nested", "partial",
    "concurrent", "sequential", "expired", "revoked", "default", "custom", "remote", "local",
    "private", "public", "internal", "external", "blocking", "non-blocking", "idempotent",
    "stateless", "stateful", "sorted", "unsorted", "compressed", "empty", "full", "shared",
    "exclusive", "optimistic", "pessimistic", "eventual", "strong", "weak", "hot", "cold",
  ]
  static let verbs = [
    "returns", "rejects", "retries", "caches", "drops", "rewrites", "locks", "unlocks",
    "replicates", "evicts", "signs", "verifies", "hashes", "merges", "splits", "streams",
    "batches", "schedules", "throttles", "logs", "traces", "restarts", "scales", "rolls back",
    "commits", "reads", "writes", "deletes", "copies", "moves", "validates", "serializes",
    "parses", "encodes", "decodes", "compresses", "forwards", "blocks", "ignores", "expires",
  ]
  static let commands = [
    "git log --oneline", "git rebase -i HEAD~3", "docker build -t app .",
    "kubectl get pods -o wide", "curl -sI https://api.example.com/v1/items",
    "psql -c 'SELECT 1'", "redis-cli GET session:42", "openssl x509 -noout -text -in cert.pem",
    "aws s3 ls s3://bucket/prefix/", "go test ./...", "python -m pytest -q",
    "docker compose up -d", "git cherry-pick abc123", "kubectl rollout undo deploy/api",
  ]
  static let companies = [
    "Acme Cloud", "Northwind Data", "Blue Harbor", "Quill Labs", "Tidewater Systems",
    "Granite Pay", "Lumen Health", "Orbit Logistics", "Pinecone Retail", "Sable Security",
    "Cobalt Media", "Fernway Travel", "Helix Bio", "Juniper Energy", "Kestrel Games",
    "Maple Finance", "Nimbus Analytics", "Opal Insurance", "Prairie Foods", "Quarry Robotics",
  ]
  static let cities: [(city: String, region: String?, country: String)] = [
    ("Berlin", nil, "DE"), ("London", nil, "UK"), ("New York", "NY", "US"),
    ("San Francisco", "CA", "US"), ("Austin", "TX", "US"), ("Toronto", "ON", "CA"),
    ("Amsterdam", nil, "NL"), ("Paris", nil, "FR"), ("Seattle", "WA", "US"),
    ("Dublin", nil, "IE"), ("Lisbon", nil, "PT"), ("Chicago", "IL", "US"),
  ]

  mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
  mutating func chance(_ probability: Double) -> Bool {
    Double.random(in: 0..<1, using: &random) < probability
  }
  mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
  mutating func word() -> String {
    switch int(0...5) {
    case 0: pick(Self.adjectives)
    case 1: pick(Self.verbs)
    default: pick(Self.nouns)
    }
  }

  /// A sentence of about `words` words, capitalised, with a full stop.
  mutating func sentence(words: Int) -> String {
    var parts = ["the", pick(Self.adjectives), pick(Self.nouns), pick(Self.verbs)]
    while parts.count < words {
      parts.append(
        chance(0.15) ? "`\(pick(Self.nouns).replacingOccurrences(of: " ", with: "_"))`" : word())
    }
    let text = parts.joined(separator: " ")
    return text.prefix(1).uppercased() + text.dropFirst() + "."
  }

  /// Sentences until about `characters` characters.
  mutating func paragraph(characters: Int) -> String {
    var text = ""
    while text.count < characters {
      if !text.isEmpty { text += " " }
      text += sentence(words: int(6...14))
    }
    return text
  }

  /// A short phrase for an option: `words` words, no full stop.
  mutating func phrase(words: Int) -> String {
    (0..<words).map { _ in word() }.joined(separator: " ")
  }
}

/// Text as a YAML double-quoted scalar.
func yamlQuoted(_ text: String) -> String {
  var out = "\""
  for character in text.unicodeScalars {
    switch character {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    default: out.unicodeScalars.append(character)
    }
  }
  return out + "\""
}

/// Text as a YAML literal block (`|`) under a key at `indent` spaces.
func yamlBlock(_ text: String, indent: Int) -> String {
  let pad = String(repeating: " ", count: indent + 2)
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
    $0.isEmpty ? "" : pad + $0
  }
  return "|\n" + lines.joined(separator: "\n")
}

/// Wraps text at about `width` columns on spaces.
func wrapped(_ text: String, width: Int = 88) -> String {
  var lines: [String] = []
  var line = ""
  for word in text.split(separator: " ") {
    if !line.isEmpty, line.count + word.count + 1 > width {
      lines.append(line)
      line = ""
    }
    line += line.isEmpty ? String(word) : " " + word
  }
  if !line.isEmpty { lines.append(line) }
  return lines.joined(separator: "\n")
}

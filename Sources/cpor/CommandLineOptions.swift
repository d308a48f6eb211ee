import App

/// `--name value` and `--flag` arguments after a subcommand, with environment fallbacks.
struct CommandLineOptions {
    /// A command called the wrong way: what was wrong, said in the run's language, then the help.
    struct UsageError: Error {
        let message: CatalogMessage

        init(_ key: String, _ arguments: [String: String] = [:]) {
            message = CatalogMessage(key, arguments)
        }
    }

    /// Taken by every command: the language it speaks and where its catalog is (see `CommandLineLanguage`).
    static let everyCommandValueNames: Set<String> = ["locale", "templates"]

    private var values: [String: String] = [:]
    private var flags: Set<String> = []
    let environment: [String: String]

    /// `flagNames` take no value; every other `--name` takes the next argument (or `--name=value`).
    init(_ arguments: [String], flagNames: Set<String>, valueNames: Set<String>,
         environment: [String: String]) throws {
        self.environment = environment
        let valueNames = valueNames.union(Self.everyCommandValueNames)
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else { throw UsageError("cli.error.unexpected_argument", ["argument": argument]) }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if flagNames.contains(name), inlineValue == nil {
                flags.insert(name)
            } else if valueNames.contains(name) {
                if let inlineValue {
                    values[name] = inlineValue
                } else {
                    index += 1
                    guard index < arguments.count else { throw UsageError("cli.error.needs_value", ["option": name]) }
                    values[name] = arguments[index]
                }
            } else {
                throw UsageError("cli.error.unknown_option", ["option": name])
            }
            index += 1
        }
    }

    /// The last `--name value` or `--name=value` anywhere in `words`, read before a command parses
    /// its options (the last one wins there too).
    static func lastValue(of name: String, in words: [String]) -> String? {
        var found: String?
        for (index, word) in words.enumerated() {
            if word == "--" + name, index + 1 < words.count {
                found = words[index + 1]
            } else if word.hasPrefix("--" + name + "=") {
                found = String(word.dropFirst(name.count + 3))
            }
        }
        return found
    }

    func value(_ name: String, env: String? = nil) -> String? {
        values[name] ?? env.flatMap { environment[$0] }.flatMap { $0.isEmpty ? nil : $0 }
    }

    func flag(_ name: String, env: String? = nil) -> Bool {
        if flags.contains(name) { return true }
        guard let env, let value = environment[env] else { return false }
        return ["1", "true", "yes", "on"].contains(value.lowercased())
    }
}

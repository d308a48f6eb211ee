/// `--name value` and `--flag` arguments after a subcommand, with environment fallbacks.
struct CommandLineOptions {
    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    private var values: [String: String] = [:]
    private var flags: Set<String> = []
    let environment: [String: String]

    /// `flagNames` take no value; every other `--name` takes the next argument (or `--name=value`).
    init(_ arguments: [String], flagNames: Set<String>, valueNames: Set<String>,
         environment: [String: String]) throws {
        self.environment = environment
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else { throw UsageError(description: "unexpected argument '\(argument)'") }
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
                    guard index < arguments.count else { throw UsageError(description: "--\(name) needs a value") }
                    values[name] = arguments[index]
                }
            } else {
                throw UsageError(description: "unknown option --\(name)")
            }
            index += 1
        }
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

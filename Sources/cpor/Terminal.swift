import App
import Foundation

/// What a command says to the person who ran it: the catalog's messages in the language chosen for
/// this run (see `CommandLineLanguage`), written to standard output or standard error — or, in
/// tests, to whatever `write` keeps.
struct Terminal {
    enum Stream { case output, error }

    let messages: Localizer
    /// The languages the catalog has, for the help.
    let languages: [String]
    let write: (Stream, String) -> Void

    /// The message for `key` in this run's language.
    func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
        messages(key, arguments)
    }

    func callAsFunction(_ message: CatalogMessage) -> String {
        messages(message)
    }

    /// The message for `key` as a line on standard output.
    func say(_ key: String, _ arguments: [String: String] = [:]) {
        print(messages(key, arguments))
    }

    func print(_ line: String, terminator: String = "\n") {
        write(.output, line + terminator)
    }

    func printError(_ line: String) {
        write(.error, line + "\n")
    }

    /// Standard output through `Console`, as the log is written; standard error as it comes.
    static func console(_ stream: Stream, _ text: String) {
        switch stream {
        case .output: Console.write(Array(text.utf8))
        case .error: FileHandle.standardError.write(Data(text.utf8))
        }
    }
}

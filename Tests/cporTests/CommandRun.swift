@testable import cpor

/// One run of `cpor` as its user sees it: what it wrote to standard output and standard error, and
/// its exit status. The catalog is this package's, whatever folder the tests run in.
struct CommandRun {
    let status: Int32
    let output: String
    let error: String

    init(_ words: String..., environment: [String: String] = [:]) {
        self.init(words, environment: environment)
    }

    init(_ words: [String], environment: [String: String] = [:]) {
        final class Streams {
            var output = ""
            var error = ""
        }
        let streams = Streams()
        let environment = ["CPOR_TEMPLATES": DataFolder.packageRoot + "/Templates"].merging(environment) { _, given in given }
        status = CPORCommand.run(["cpor"] + words, environment: environment) { stream, text in
            switch stream {
            case .output: streams.output += text
            case .error: streams.error += text
            }
        }
        output = streams.output
        error = streams.error
    }
}

import Foundation

exit(CPORCommand.run(CommandLine.arguments, environment: ProcessInfo.processInfo.environment))

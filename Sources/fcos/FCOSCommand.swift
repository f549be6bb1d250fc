import ArgumentParser
import Diagnostics

/// The `fcos` command line: FCOS target assignment, losses and NMS on JSON, for people and for
/// other languages' code that wants to check itself against this toolkit.
@main
struct FCOSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fcos",
        abstract:
            "FCOS, ATSS and GFL target assignment, losses and NMS, faithful to the reference implementations.",
        discussion: ExitStatus.summary,
        subcommands: [
            TargetsCommand.self, StatsCommand.self, NMSCommand.self, LossCommand.self, BenchCommand.self,
            BenchDatasetCommand.self, CourseCommand.self, InspectCommand.self, CompareCommand.self,
        ]
    )

    /// Every failure as one `fcos: …` line and an exit status from the README's table.
    static func main() { mainReportingOneLine() }
}

import ArgumentParser

/// The `fcos` command line: FCOS target assignment, losses and NMS on JSON, for people and for
/// other languages' code that wants to check itself against this toolkit.
@main
struct FCOSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fcos",
        abstract:
            "FCOS, ATSS and GFL target assignment, losses and NMS, faithful to the reference implementations.",
        subcommands: [
            TargetsCommand.self, StatsCommand.self, NMSCommand.self, LossCommand.self, BenchCommand.self,
            BenchDatasetCommand.self, CourseCommand.self, InspectCommand.self, CompareCommand.self,
        ]
    )
}

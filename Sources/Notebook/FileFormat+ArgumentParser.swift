import ArgumentParser
import Canvas

/// Lets `--format png|svg|pdf` parse straight into Canvas's type, with the choices listed in
/// `--help` and in the error for a typo.
extension FileFormat: ExpressibleByArgument {}

/// The file formats a figure can be written in: PNG for screens, SVG and PDF for slides and
/// handouts, where vector output stays sharp when projected or printed.
public enum FileFormat: String, Sendable, CaseIterable {
    case png
    case svg
    case pdf

    public var fileExtension: String { rawValue }
}

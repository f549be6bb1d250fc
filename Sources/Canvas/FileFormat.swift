/// The file formats a figure can be written in: PNG for screens, SVG and PDF for slides and
/// handouts, where vector output stays sharp when projected or printed.
public enum FileFormat: String, Sendable, CaseIterable {
    /// Raster, for lesson pages and pixel-probing tests.
    case png
    /// Vector, for web pages that zoom.
    case svg
    /// Vector, for printed handouts and slides.
    case pdf

    /// The usual file extension, without the dot.
    public var fileExtension: String { rawValue }

    /// The format named by a file extension (case-insensitive, without the dot), so callers can
    /// let the output path decide.
    public init?(pathExtension: String) {
        self.init(rawValue: pathExtension.lowercased())
    }

    /// The media type, for `<img>`/`<object>` tags and data URIs in generated HTML.
    public var mimeType: String {
        switch self {
        case .png: return "image/png"
        case .svg: return "image/svg+xml"
        case .pdf: return "application/pdf"
        }
    }
}

/// The parts of the nbformat 4.5 schema a lesson notebook uses, as `Codable` values so the
/// encoder, not string pasting, writes the JSON.
struct JupyterNotebook: Encodable {
    var cells: [JupyterCell]
    var metadata: Metadata
    let nbformat = 4
    let nbformatMinor = 5

    struct Metadata: Encodable {
        var kernelspec: KernelSpec
        var languageInfo: LanguageInfo
        var title: String
        /// Where the notebook came from; nbformat allows extra metadata keys.
        var fcosTargets: Origin

        enum CodingKeys: String, CodingKey {
            case kernelspec, title
            case languageInfo = "language_info"
            case fcosTargets = "fcos_targets"
        }
    }

    struct KernelSpec: Encodable {
        var name: String
        var displayName: String
        var language: String

        enum CodingKeys: String, CodingKey {
            case name, language
            case displayName = "display_name"
        }
    }

    struct LanguageInfo: Encodable {
        var name: String
        var codemirrorMode: String
        var fileExtension: String
        var mimetype: String

        enum CodingKeys: String, CodingKey {
            case name, mimetype
            case codemirrorMode = "codemirror_mode"
            case fileExtension = "file_extension"
        }
    }

    struct Origin: Encodable {
        var lesson: String
        var command: String
    }

    enum CodingKeys: String, CodingKey {
        case cells, metadata, nbformat
        case nbformatMinor = "nbformat_minor"
    }
}

/// Text as nbformat stores it: a list of lines, each but the last keeping its `\n`, which is
/// how Jupyter itself writes sources and outputs (and what keeps diffs readable).
struct JupyterText: Encodable {
    var lines: [String]

    init(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        if let last = lines.popLast() { lines.append(String(last.dropLast())) }
        self.lines = lines.filter { !$0.isEmpty }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(lines)
    }
}

/// A Markdown or code cell; the schema forbids `outputs` and `execution_count` on Markdown.
enum JupyterCell: Encodable {
    case markdown(id: String, String)
    case code(id: String, String, outputs: [DisplayData])

    struct DisplayData: Encodable {
        var data: [String: JupyterText]
        var metadata: [String: [String: Int]]
        let outputType = "display_data"

        enum CodingKeys: String, CodingKey {
            case data, metadata
            case outputType = "output_type"
        }
    }

    var id: String {
        switch self {
        case .markdown(let id, _), .code(let id, _, _): id
        }
    }

    private enum CodingKeys: String, CodingKey {
        case id, source, metadata, outputs
        case cellType = "cell_type"
        case executionCount = "execution_count"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode([String: String](), forKey: .metadata)
        switch self {
        case .markdown(_, let source):
            try container.encode("markdown", forKey: .cellType)
            try container.encode(JupyterText(source), forKey: .source)
        case .code(_, let source, let outputs):
            try container.encode("code", forKey: .cellType)
            try container.encode(JupyterText(source), forKey: .source)
            try container.encodeNil(forKey: .executionCount)
            try container.encode(outputs, forKey: .outputs)
        }
    }
}

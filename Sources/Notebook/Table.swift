/// A small table of already-formatted strings: the lesson decides how many digits a number
/// deserves, the renderers only align.
///
/// ```swift
/// Table("Positives per ground truth", columns: ["box", .right("P3"), .right("P4")], rows: [
///     Table.Row(["person", "12", "3"], swatch: 0x0072B2),
///     ["background", "0", "0"],
/// ])
/// ```
public struct Table: Sendable, CellConvertible {
    public enum Alignment: Sendable {
        case left, right, center
    }

    public struct Column: Sendable, ExpressibleByStringLiteral {
        public var header: String
        public var alignment: Alignment

        public init(_ header: String, alignment: Alignment = .left) {
            self.header = header
            self.alignment = alignment
        }

        public init(stringLiteral header: String) { self.init(header) }

        /// A right-aligned column, the usual choice for numbers.
        public static func right(_ header: String) -> Column { Column(header, alignment: .right) }
        public static func center(_ header: String) -> Column { Column(header, alignment: .center) }
    }

    public struct Row: Sendable, ExpressibleByArrayLiteral {
        public var cells: [String]
        /// A 24-bit RGB colour such as `0x0072B2`, shown as a small square before the row so a
        /// row can carry the colour its ground-truth box has in the figures.
        public var swatch: UInt32?

        public init(_ cells: [String], swatch: UInt32? = nil) {
            self.cells = cells
            self.swatch = swatch
        }

        public init(arrayLiteral cells: String...) { self.init(cells) }
    }

    public var title: String?
    public var columns: [Column]
    /// Rows shorter than `columns` are padded with empty cells; extra cells are ignored.
    public var rows: [Row]

    public init(_ title: String? = nil, columns: [Column], rows: [Row]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    public var cell: Cell { .table(self) }

    /// Whether any row carries a colour swatch, so renderers add the swatch column only when used.
    var hasSwatches: Bool { rows.contains { $0.swatch != nil } }

    /// The row's cells padded or trimmed to the column count.
    func cells(of row: Row) -> [String] {
        (0..<columns.count).map { $0 < row.cells.count ? row.cells[$0] : "" }
    }
}

extension UInt32 {
    /// The red, green and blue bytes of a `0xRRGGBB` colour.
    var rgb: (red: Int, green: Int, blue: Int) {
        (Int((self >> 16) & 0xFF), Int((self >> 8) & 0xFF), Int(self & 0xFF))
    }
}

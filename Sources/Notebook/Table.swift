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
    /// How a column's cells line up: numbers usually right, labels left.
    public enum Alignment: Sendable {
        /// Flush left, for labels.
        case left
        /// Flush right, so digits of numbers line up.
        case right
        /// Centred, for short marks.
        case center
    }

    /// A column header and its alignment; a string literal is a left-aligned column.
    public struct Column: Sendable, ExpressibleByStringLiteral {
        /// The header text.
        public var header: String
        /// How the header and the cells below it line up.
        public var alignment: Alignment

        /// A column with the given header, left-aligned unless told otherwise.
        public init(_ header: String, alignment: Alignment = .left) {
            self.header = header
            self.alignment = alignment
        }

        /// Lets `"box"` stand for a left-aligned column in a `columns:` list.
        public init(stringLiteral header: String) { self.init(header) }

        /// A right-aligned column, the usual choice for numbers.
        public static func right(_ header: String) -> Column { Column(header, alignment: .right) }
        /// A centred column, for short marks such as ✓ or ✗.
        public static func center(_ header: String) -> Column { Column(header, alignment: .center) }
    }

    /// One row of formatted cells, optionally marked with a box's colour.
    public struct Row: Sendable, ExpressibleByArrayLiteral {
        /// The row's text, one string per column.
        public var cells: [String]
        /// A 24-bit RGB colour such as `0x0072B2`, shown as a small square before the row so a
        /// row can carry the colour its ground-truth box has in the figures.
        public var swatch: UInt32?

        /// A row, optionally with the colour swatch of the box it describes.
        public init(_ cells: [String], swatch: UInt32? = nil) {
            self.cells = cells
            self.swatch = swatch
        }

        /// Lets `["person", "12"]` stand for a row without a swatch.
        public init(arrayLiteral cells: String...) { self.init(cells) }
    }

    /// The caption above the table; nil for none.
    public var title: String?
    /// The headers and alignments, left to right.
    public var columns: [Column]
    /// Rows shorter than `columns` are padded with empty cells; extra cells are ignored.
    public var rows: [Row]

    /// A table of already-formatted rows, with an optional caption.
    public init(_ title: String? = nil, columns: [Column], rows: [Row]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    /// The table as a step cell.
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

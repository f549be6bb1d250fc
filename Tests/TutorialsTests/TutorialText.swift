import Foundation
import Testing

/// The prose of one DocC tutorial, with its line breaks and indentation folded into single
/// spaces, so that a test can look for a sentence the way a reader sees it. Every number a
/// tutorial quotes is checked this way against the library that computes it: when the library
/// changes a number, the tutorial's sentence fails its test instead of going stale.
struct TutorialText: CustomTestStringConvertible {
    let text: String
    /// The file's name, which a failed expectation prints instead of the whole text.
    let testDescription: String

    /// `Sources/<module>/<module>.docc/Tutorials/<name>.tutorial`.
    init(module: String, name: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = root.appendingPathComponent("Sources/\(module)/\(module).docc/Tutorials/\(name).tutorial")
        let raw = try String(contentsOf: file, encoding: .utf8)
        testDescription = "\(name).tutorial"
        text = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether the tutorial contains `phrase`, whitespace folded the same way.
    func says(_ phrase: String) -> Bool {
        text.contains(phrase.split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }
}

/// `value` with `digits` decimals, as the tutorials print IoUs and thresholds.
func fixed(_ value: Float?, _ digits: Int = 3) -> String {
    String(format: "%.\(digits)f", Double(value ?? .nan))
}

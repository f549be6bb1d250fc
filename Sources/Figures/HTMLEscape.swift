/// Text made safe for HTML and SVG text and attribute values, for the pages that show figures
/// (the notebook page, the `fcos` galleries, the hover layer).
public enum HTMLEscape {
    /// Escapes `&`, `<`, `>`, `"` and `'`, so the result may go between tags or inside either
    /// kind of quoted attribute.
    public static func text(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

/// Text made safe for HTML and SVG text and attribute values, for the pages that show figures
/// (the notebook page, the `fcos` galleries, the hover layer).
public enum HTMLEscape {
    /// Escapes `&`, `<`, `>`, `"` and `'`, so the result may go between tags or inside either
    /// kind of quoted attribute.
    ///
    /// Works on UTF-8 bytes (the five characters are ASCII and never part of a multi-byte
    /// sequence) and returns the text untouched when there is nothing to escape: a lesson page
    /// escapes thousands of hover texts, and walking them as grapheme clusters was most of the
    /// time spent writing one.
    public static func text(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
        else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x26: bytes += Array("&amp;".utf8)
            case 0x3C: bytes += Array("&lt;".utf8)
            case 0x3E: bytes += Array("&gt;".utf8)
            case 0x22: bytes += Array("&quot;".utf8)
            case 0x27: bytes += Array("&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

import Foundation

/// Class names for YOLO labels (and, optionally, VOC), by class index.
///
/// Two layouts are understood:
///
/// - ultralytics' data YAML: a top-level `names:` entry holding a mapping (`  0: person`), a
///   block list (`  - person`) or a flow list (`names: [person, 'traffic light']`). Only that
///   entry is read; the rest of the YAML (paths, `nc`, …) is ignored, so no YAML library is needed.
/// - darknet's `.names` / `classes.txt`: one name per line, the line's position (0-based, blank
///   lines skipped) being the index.
///
/// A file whose extension is `.yaml`/`.yml`, or that has a line starting `names:`, is YAML.
public enum NamesFile {
    /// Reads a class-names file (`.names` one per line, or a YOLO `data.yaml`), mapping class index to name.
    public static func read(_ path: String) throws -> [Int: String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, problem: "cannot read the names file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Parses class names already in memory; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws -> [Int: String] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let isYAML =
            file.hasSuffix(".yaml") || file.hasSuffix(".yml") || lines.contains { $0.hasPrefix("names:") }
        return isYAML ? try parseYAML(lines, file: file) : try parsePlain(lines, file: file)
    }

    static func parsePlain(_ lines: [String], file: String) throws -> [Int: String] {
        var names: [Int: String] = [:]
        for line in lines {
            let name = line.trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { names[names.count] = name }
        }
        guard !names.isEmpty else { throw InputError(file: file, problem: "no class names") }
        return names
    }

    static func parseYAML(_ lines: [String], file: String) throws -> [Int: String] {
        guard let start = lines.firstIndex(where: { $0.hasPrefix("names:") }) else {
            throw InputError(file: file, problem: "no top-level 'names:' entry")
        }
        var names: [Int: String] = [:]
        let inline = stripComment(String(lines[start].dropFirst("names:".count))).trimmingCharacters(
            in: .whitespaces)
        if !inline.isEmpty {
            guard inline.hasPrefix("["), inline.hasSuffix("]") else {
                throw InputError(
                    file: file, record: "line \(start + 1)",
                    problem: "expected a list [a, b, …] after 'names:'")
            }
            for (i, item) in splitFlowList(String(inline.dropFirst().dropLast())).enumerated() {
                names[i] = unquote(item)
            }
        } else {
            for n in (start + 1)..<lines.count {
                let raw = lines[n]
                let content = stripComment(raw)
                if content.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                guard raw.first == " " || raw.first == "\t" else { break }  // the block ended
                let item = content.trimmingCharacters(in: .whitespaces)
                if item.hasPrefix("-") {
                    names[names.count] = unquote(String(item.dropFirst()))
                    continue
                }
                guard let colon = item.firstIndex(of: ":"),
                    let index = Int(item[..<colon].trimmingCharacters(in: .whitespaces)), index >= 0
                else {
                    throw InputError(
                        file: file, record: "line \(n + 1)",
                        problem: "expected 'index: name' or '- name', found '\(item)'")
                }
                guard names[index] == nil else {
                    throw InputError(
                        file: file, record: "line \(n + 1)", problem: "class \(index) is named twice")
                }
                names[index] = unquote(String(item[item.index(after: colon)...]))
            }
        }
        guard !names.isEmpty else { throw InputError(file: file, problem: "'names:' lists no classes") }
        return names
    }

    private static func stripComment(_ line: String) -> String {
        // A '#' starts a comment unless inside quotes.
        var quote: Character?
        for (i, c) in zip(line.indices, line) {
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "#" {
                return String(line[..<i])
            }
        }
        return line
    }

    private static func splitFlowList(_ body: String) -> [String] {
        var items: [String] = []
        var current = ""
        var quote: Character?
        for c in body {
            if let q = quote {
                if c == q { quote = nil }
                current.append(c)
            } else if c == "'" || c == "\"" {
                quote = c
                current.append(c)
            } else if c == "," {
                items.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { items.append(current) }
        return items
    }

    private static func unquote(_ s: String) -> String {
        let t = s.trimmingCharacters(in: .whitespaces)
        if t.count >= 2, let f = t.first, let l = t.last, f == l, f == "'" || f == "\"" {
            return String(t.dropFirst().dropLast())
        }
        return t
    }
}

import Canvas
import Foundation
import Testing

@Suite struct AtomicFileTests {
    @Test func writesAndReplacesContentsCreatingDirectories() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("a/b/c/report.json")
        try AtomicFile.write("{\"v\": 1}", to: path)
        try AtomicFile.write("{\"v\": 2}", to: URL(fileURLWithPath: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"v\": 2}")
        try AtomicFile.write([UInt8](), to: directory.path("empty.bin"))
        #expect(try readBytes(directory.path("empty.bin")).isEmpty)
        #expect(directory.leftoverTemporaries(in: directory.path("a/b/c")).isEmpty)
    }

    @Test func pathUnderARegularFileThrows() throws {
        let directory = try TemporaryDirectory()
        try AtomicFile.write("I am a file", to: directory.path("plain"))
        #expect(throws: CanvasError.self) {
            try AtomicFile.write("x", to: directory.path("plain/sub/figure.json"))
        }
        #expect(throws: CanvasError.self) {
            try Figure(width: 10, height: 10).write(toPath: directory.path("plain/figure.png")) { _ in }
        }
        #expect(directory.leftoverTemporaries().isEmpty)
    }

    @Test func failingProducerLeavesOldFileAndNoTemporary() throws {
        struct Interrupted: Error {}
        let directory = try TemporaryDirectory()
        let path = directory.path("figure.svg")
        try AtomicFile.write("old", to: path)
        #expect(throws: Interrupted.self) {
            try AtomicFile.write(to: path) { temporary in
                try AtomicFile.write("half-written", to: temporary)
                throw Interrupted()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(directory.leftoverTemporaries().isEmpty)
    }

    @Test func failingRenameRemovesTheTemporary() throws {
        // The destination is a non-empty directory, so rename(2) itself fails after the
        // temporary has been completely written.
        let directory = try TemporaryDirectory()
        try AtomicFile.write("x", to: directory.path("taken.png/inside"))
        #expect(throws: CanvasError.self) {
            try Figure(width: 10, height: 10).write(toPath: directory.path("taken.png")) { _ in }
        }
        #expect(directory.leftoverTemporaries().isEmpty)
    }

    @Test(.enabled(if: geteuid() != 0, "root can write into read-only directories"))
    func unwritableDirectoryThrowsAndLeavesNoTemporary() throws {
        let directory = try TemporaryDirectory()
        let locked = directory.path("locked")
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
        chmod(locked, 0o555)
        defer { chmod(locked, 0o755) }
        for format in FileFormat.allCases {
            #expect(throws: CanvasError.self) {
                try Figure(width: 10, height: 10).write(toPath: "\(locked)/figure.\(format.rawValue)") { _ in
                }
            }
        }
        #expect(throws: CanvasError.self) { try AtomicFile.write("x", to: "\(locked)/notes.html") }
        #expect(directory.leftoverTemporaries(in: locked).isEmpty)
    }

    #if os(Linux)
        /// /proc refuses new files even to root, so this covers an unwritable directory in
        /// containers and CI that run as root.
        @Test func directoryThatRefusesNewFilesThrows() throws {
            for format in FileFormat.allCases {
                #expect(throws: CanvasError.self) {
                    try Figure(width: 10, height: 10).write(toPath: "/proc/canvas-test.\(format.rawValue)") {
                        _ in
                    }
                }
            }
            #expect(throws: CanvasError.self) { try AtomicFile.write("x", to: "/proc/canvas-test.json") }
        }
    #endif

    @Test func producerThatWritesNothingThrows() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: CanvasError.self) {
            try AtomicFile.write(to: directory.path("ghost.txt")) { _ in }
        }
    }
}

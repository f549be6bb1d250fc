import Canvas
import Foundation

/// Friendly flat drawings of the package's two scenes, so that boxes sit on recognisable objects
/// instead of floating on a blank page. Each object is drawn inside its box in the scene file,
/// with the box's extent as the object's extent, so the boxes look right on top.
///
/// Drawn procedurally with Cairo, they stay sharp in SVG and PDF and need no image files; the
/// PNGs in `Assets/scenes` are the same drawings, for tools that want a picture file.
public enum Illustration: String, Sendable, CaseIterable {
    /// A tennis player with a racket and a ball on a hard court (`tennis.json`, 1066 × 800).
    case tennis
    /// A street with a bus, a truck, a car, people, a dog, a traffic light and a stop sign
    /// (`street.json`, 1333 × 800).
    case street

    /// The illustration named `tennis`, `street`, `tennis.png` or a path ending in one of them.
    public init?(fileName: String) {
        let last = fileName.split(separator: "/").last.map(String.init) ?? fileName
        let stem = last.hasSuffix(".png") ? String(last.dropLast(4)) : last
        self.init(rawValue: stem)
    }

    /// The size of the scene the drawing matches, in image pixels.
    public var nativeSize: CGSize {
        switch self {
        case .tennis: return CGSize(width: 1066, height: 800)
        case .street: return CGSize(width: 1333, height: 800)
        }
    }

    /// Draws the illustration scaled to fill `(0, 0, size)` of the current user space.
    public func draw(in ctx: DrawingContext, size: CGSize) {
        ctx.withSavedState {
            ctx.clip(to: CGRect(origin: .zero, size: size))
            ctx.scale(x: Double(size.width / nativeSize.width), y: Double(size.height / nativeSize.height))
            switch self {
            case .tennis: drawTennis(in: ctx)
            case .street: drawStreet(in: ctx)
            }
        }
    }

    /// Draws the illustration called `name` (see ``init(fileName:)``); returns `false` and draws
    /// nothing for an unknown name.
    @discardableResult
    public static func draw(named name: String, in ctx: DrawingContext, size: CGSize) -> Bool {
        guard let illustration = Illustration(fileName: name) else { return false }
        illustration.draw(in: ctx, size: size)
        return true
    }

    /// Writes the illustration called `name` as a PNG of its native size, e.g. to regenerate
    /// `Assets/scenes/tennis.png`.
    public static func writePNG(named name: String, to path: String) throws {
        guard let illustration = Illustration(fileName: name) else {
            throw CanvasError.invalidArgument(
                "no illustration named '\(name)'; known: \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let size = illustration.nativeSize
        try Figure(width: Int(size.width), height: Int(size.height)).write(toPath: path, format: .png) {
            ctx in
            illustration.draw(in: ctx, size: size)
        }
    }
}

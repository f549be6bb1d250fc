import FCOS
import Figures
import Foundation
import Testing

/// Writes every figure kind for both scenes as PNG when `FIGURES_GALLERY_DIR` is set, for a person
/// to look at; otherwise it does nothing.
@Suite struct GalleryTests {
    static let directory = ProcessInfo.processInfo.environment["FIGURES_GALLERY_DIR"]

    @Test(.enabled(if: directory != nil)) func writeGallery() throws {
        let out = Self.directory!
        for name in ["tennis", "street"] {
            let scene = try Fixtures.scene(name)
            try Fixtures.panels(name).write(toPath: "\(out)/\(name)-levels.png")
            var view = SceneView(
                imageWidth: scene.width, imageHeight: scene.height, groundTruths: scene.groundTruths,
                backdrop: .named(name))
            view.title = "\(name): \(scene.groundTruths.count) ground-truth boxes"
            try view.write(toPath: "\(out)/\(name)-scene.png")
            try Illustration.writePNG(named: name, to: "\(out)/\(name)-illustration.png")
        }
    }
}

import Canvas
import FCOS
import Figures
import Foundation
import Testing

@Suite struct IllustrationTests {
    @Test func namesResolveFromSceneFiles() throws {
        #expect(Illustration(fileName: "tennis.png") == .tennis)
        #expect(Illustration(fileName: "Assets/scenes/street.png") == .street)
        #expect(Illustration(fileName: "beach.png") == nil)
        let scene = try Fixtures.scene("tennis")
        #expect(Illustration(fileName: try #require(scene.illustration)) == .tennis)
        #expect(Illustration.tennis.nativeSize == CGSize(width: scene.width, height: scene.height))
    }

    /// The ball is drawn where its box is, and the committed PNG matches the drawing.
    @Test func tennisBallSitsInItsBox() throws {
        let image = try Figure(width: 1066, height: 800).render {
            Illustration.tennis.draw(in: $0, size: CGSize(width: 1066, height: 800))
        }
        let ball = image.pixel(x: 816, y: 127)
        #expect(ball.green > 180 && ball.blue < 140, "\(ball)")
        let asset = try RasterImage(contentsOfPNG: Fixtures.scenes.appendingPathComponent("tennis.png").path)
        #expect(asset.width == 1066 && asset.height == 800)
        #expect(asset.pixel(x: 816, y: 127).isClose(to: ball.color, tolerance: 3))
    }

    @Test func unknownNamesDrawNothingAndThrowOnWrite() throws {
        _ = try Figure(width: 10, height: 10).render { ctx in
            #expect(!Illustration.draw(named: "beach", in: ctx, size: CGSize(width: 10, height: 10)))
        }
        let directory = try TemporaryDirectory()
        #expect(throws: CanvasError.self) {
            try Illustration.writePNG(named: "beach", to: directory.path("b.png"))
        }
    }

    /// Regenerates `Assets/scenes/*.png` when `FIGURES_REGENERATE_ASSETS` is set.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["FIGURES_REGENERATE_ASSETS"] != nil))
    func regenerateAssets() throws {
        for illustration in Illustration.allCases {
            try Illustration.writePNG(
                named: illustration.rawValue,
                to: Fixtures.scenes.appendingPathComponent("\(illustration.rawValue).png").path)
        }
    }
}

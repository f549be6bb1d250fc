import FCOS
import Foundation
import Testing

@testable import Annotations

/// Tests on the real COCO subsets in `shared/data` (beside the repository); skipped when absent.
@Suite("Real data in shared/data", .enabled(if: Fixtures.hasSharedData))
struct SharedDataTests {
    @Test("coco-merged: 605 images, 5 069 boxes, 45 crowd, no bad record")
    func cocoMerged() throws {
        let read = try DatasetLoader.read(Fixtures.shared("coco-merged/instances.json"), strict: true)
        let d = read.dataset
        #expect(d.images.count == 605)
        #expect(d.boxCount == 5069)
        #expect(d.images.flatMap(\.annotations).filter(\.isCrowd).count == 45)
        #expect(Set(d.images.flatMap(\.annotations).map(\.categoryID)).count == 80)
    }

    @Test("coco-merged under the official preset: recall and ambiguity near the paper's")
    func cocoMergedStatistics() throws {
        let d = try COCOReader.read(Fixtures.shared("coco-merged/instances.json"), strict: true).dataset
        let s = DatasetStatistics.compute(
            d, preset: .official, dataPath: DataPath(codeBase: Preset.named("official")!.codeBase))
        #expect(s.keptBoxes == 5024 && s.drops.crowd == 45)
        // The paper (COCO minival): 98.40 % / 95.55 %, ambiguous 7.14 % / 23.16 %.
        #expect(s.withFPN.bestPossibleRecall > 0.97 && s.withFPN.bestPossibleRecall < 1)
        #expect(
            s.withoutFPN.bestPossibleRecall > 0.93
                && s.withoutFPN.bestPossibleRecall < s.withFPN.bestPossibleRecall)
        #expect(s.withFPN.ambiguousShare > 0.04 && s.withFPN.ambiguousShare < 0.10)
        #expect(s.withoutFPN.ambiguousShare > 0.18 && s.withoutFPN.ambiguousShare < 0.30)
        #expect(s.withFPN.differentClassShare < s.withFPN.ambiguousShare)
    }

    @Test("coco128 YOLO labels: sizes from the JPEG headers match the COCO file, boxes to 0.01 px")
    func coco128YOLO() throws {
        let yolo = try DatasetLoader.read(Fixtures.shared("coco128/labels"), strict: true).dataset
        let coco = try COCOReader.read(Fixtures.shared("coco128/instances.json"), strict: true).dataset
        #expect(yolo.images.count == 128)
        #expect(yolo.boxCount == 929)
        #expect(yolo.categories.count == 80 && yolo.categories[0].name == "person")
        let cocoByID = Dictionary(uniqueKeysWithValues: coco.images.map { ($0.id, $0) })
        var matched = 0
        for image in yolo.images {
            let original = try #require(cocoByID[image.id])
            #expect(image.width == original.width && image.height == original.height)
            let nonCrowd = original.annotations.filter { !$0.isCrowd }
            for a in image.annotations {
                let b = a.box.cocoEquivalent(imageWidth: image.width, imageHeight: image.height)
                let close = nonCrowd.contains { o in
                    guard case .coco(let x, let y, let w, let h) = o.box else { return false }
                    return abs(x - b.x) < 0.01 && abs(y - b.y) < 0.01 && abs(w - b.width) < 0.01
                        && abs(h - b.height) < 0.01
                }
                if close { matched += 1 }
            }
        }
        #expect(matched == 929)
    }

    @Test("The VOC2007 fixture image: 353×500, a dog and a person")
    func voc() throws {
        let d = try DatasetLoader.read(Fixtures.shared("retinanet-test-fixture/voc"), strict: true).dataset
        #expect(d.images.count == 1)
        #expect(d.images[0].width == 353 && d.images[0].height == 500)
        #expect(d.images[0].annotations.map(\.categoryName) == ["dog", "person"])
        #expect(d.images[0].annotations[0].box == .voc(xmin: 48, ymin: 240, xmax: 195, ymax: 371))
    }
}

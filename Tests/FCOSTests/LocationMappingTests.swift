import Testing

@testable import FCOS

@Suite("Location mapping")
struct LocationMappingTests {
    @Test("Official feature sizes for 800×1333: padded to 800×1344, P6/P7 halved with ceiling")
    func officialFeatureSizes() {
        let maps = Preset.official.assignment.featureMaps(imageWidth: 1333, imageHeight: 800)
        // 1344 / 8 = 168, 800 / 8 = 100; … P5 42×25; P6 ⌈42/2⌉×⌈25/2⌉ = 21×13; P7 11×7.
        #expect(maps.map(\.width) == [168, 84, 42, 21, 11])
        #expect(maps.map(\.height) == [100, 50, 25, 13, 7])
        // 16 800 + 4 200 + 1 050 + 273 + 77 locations, the paper's "about 20k".
        #expect(maps.reduce(0) { $0 + $1.count } == 22_400)
    }

    @Test("Official locations are j·s + ⌊s/2⌋, row-major with x fastest")
    func officialLocations() {
        let p3 = Preset.official.assignment.featureMaps(imageWidth: 64, imageHeight: 64)[0]
        #expect(p3.location(at: 0) == Point(x: 4, y: 4))
        #expect(p3.location(at: 1) == Point(x: 12, y: 4))
        #expect(p3.location(at: 8) == Point(x: 4, y: 12))
        let p7 = Preset.official.assignment.featureMaps(imageWidth: 64, imageHeight: 64)[4]
        #expect(p7.location(at: 0) == Point(x: 64, y: 64))
    }

    @Test("EECS 498's first P3 locations are [[4,4],[12,4],[20,4],...]")
    func eecs498Locations() {
        let maps = Preset.eecs498.assignment.featureMaps(imageWidth: 224, imageHeight: 224)
        #expect(maps.map(\.level.name) == ["P3", "P4", "P5"])
        #expect(maps.map(\.width) == [28, 14, 7])
        let first = (0..<3).map { maps[0].location(at: $0) }
        #expect(first == [Point(x: 4, y: 4), Point(x: 12, y: 4), Point(x: 20, y: 4)])
        #expect(maps[1].location(at: 0) == Point(x: 8, y: 8))
    }

    @Test("EECS 498 takes ⌈H/s⌉ without padding")
    func ceilDivision() {
        let maps = Preset.eecs498.assignment.featureMaps(imageWidth: 100, imageHeight: 30)
        #expect(maps.map(\.width) == [13, 7, 4])
        #expect(maps.map(\.height) == [4, 2, 1])
    }

    @Test("torchvision and detectron2 put locations on the cell corner j·s")
    func zeroOffset() {
        for preset in [Preset.torchvision, .detectron2] {
            let p4 = preset.assignment.featureMaps(imageWidth: 64, imageHeight: 64)[1]
            #expect(p4.location(at: 0) == Point(x: 0, y: 0))
            #expect(p4.location(at: 1) == Point(x: 16, y: 0))
        }
    }

    @Test("torchvision's derived grid spacing: P6/P7 are 61 and 114 px apart vertically at 800 px")
    func derivedSpacing() {
        var rules = Preset.torchvision.assignment
        rules.derivedGridSpacing = true
        let maps = rules.featureMaps(imageWidth: 1333, imageHeight: 800)
        // Padded 1344×800; P6 21×13, P7 11×7: 800 / 13 = 61, 800 / 7 = 114, 1344 / 21 = 64, 1344 / 11 = 122.
        #expect(maps.map(\.stepY) == [8, 16, 32, 61, 114])
        #expect(maps.map(\.stepX) == [8, 16, 32, 64, 122])
        #expect(maps[3].location(at: 21) == Point(x: 0, y: 61))
        // The gate still uses the nominal stride.
        #expect(maps[3].stride == 64)
    }

    @Test("Stride-derived ranges: (0, 64), (64, 128) … (512, ∞)")
    func strideDerivedRanges() {
        let levels = FeatureLevel.strideDerivedLevels(strides: [8, 16, 32, 64, 128])
        #expect(levels.map(\.sizeRange.lower) == [0, 64, 128, 256, 512])
        #expect(levels.map(\.sizeRange.upper) == [64, 128, 256, 512, .infinity])
        #expect(levels.map(\.name) == ["P3", "P4", "P5", "P6", "P7"])
    }
}

@Suite("Presets")
struct PresetTests {
    @Test("Every preset is found by name and carries its reference's loss and post-processing")
    func lookUp() {
        #expect(
            Preset.names == ["official", "official-imprv", "mmdet", "torchvision", "detectron2", "eecs498"])
        for preset in Preset.all { #expect(Preset.named(preset.name)?.name == preset.name) }
        #expect(Preset.named("nope") == nil)
        #expect(
            Preset.torchvision.postProcessing.nmsThreshold == PostProcessingRules.torchvision.nmsThreshold)
        #expect(Preset.mmdet.postProcessing.nmsThreshold == PostProcessingRules.mmdet.nmsThreshold)
        #expect(Preset.eecs498.postProcessing.scoreThreshold == PostProcessingRules.eecs498.scoreThreshold)
    }
}

import ATSS
import Annotations
import FCOS
import Testing

@Suite("Presets name their code base; the data path follows from it")
struct PresetTests {
    @Test func everyFCOSPresetIsListedOnce() {
        #expect(Preset.all.map(\.id) == Preset.ID.allCases)
        #expect(ATSSPreset.all.map(\.id) == ATSSPreset.ID.allCases)
        #expect(ATSSPreset.named("atss-mmdet")?.id == .atssMmdet && ATSSPreset.named("official") == nil)
    }

    @Test func dataPathOfEachCodeBase() {
        let expected: [CodeBase: DataPath.Rule] = [
            .fcosOfficial: .official, .atssOfficial: .official, .mmdetection: .mmdet,
            .torchvision: .torchvision,
            .detectron2: .detectron2, .eecs498: .torchvision,
        ]
        for codeBase in CodeBase.allCases { #expect(DataPath(codeBase: codeBase).rule == expected[codeBase]) }
        #expect(DataPath(codeBase: ATSSPreset.atss.codeBase).rule == .official)
        #expect(DataPath(codeBase: ATSSPreset.atssMmdet.codeBase).rule == .mmdet)
    }

    /// The FCOS presets keep the data paths they had before code bases were introduced.
    @Test func fcosPresetsKeepTheirDataPaths() {
        let expected: [Preset.ID: DataPath.Rule] = [
            .official: .official, .officialImprv: .official, .mmdet: .mmdet, .torchvision: .torchvision,
            .detectron2: .detectron2, .eecs498: .torchvision,
        ]
        for preset in Preset.all { #expect(DataPath(codeBase: preset.codeBase).rule == expected[preset.id]) }
    }

    /// The two ATSS presets disagree exactly where their conventions do: anchors half a stride
    /// apart, `8s` boxes with `+1` widths vs continuous.
    @Test func atssPresetsDifferOnlyInTheAnchorConvention() {
        var a = ATSSPreset.atss.rules
        a.anchors = ATSSPreset.atssMmdet.rules.anchors
        #expect(a == ATSSPreset.atssMmdet.rules)
        #expect(ATSSPreset.atss.rules.anchors == .authors)
        let official = ATSSPreset.atss.rules.featureMaps(imageWidth: 800, imageHeight: 800)
        let mmdet = ATSSPreset.atssMmdet.rules.featureMaps(imageWidth: 800, imageHeight: 800)
        for (o, m) in zip(official, mmdet) {
            #expect(o.width == m.width && o.height == m.height)
            #expect(o.location(at: 0).x - m.location(at: 0).x == Float(o.stride) / 2)
        }
    }
}

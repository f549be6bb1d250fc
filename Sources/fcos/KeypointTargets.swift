import Annotations
import FCOS
import Keypoints

/// `fcos targets --preset centernet|cornernet`: the keypoint heads' targets for a scene that is
/// the network input. Reached from ``TargetsCommand`` by one early dispatch, so the FCOS presets
/// and the keypoint heads share the command without sharing code.
enum KeypointTargets {
    /// Reads the scene, computes `head`'s targets and writes the summary or the JSON.
    static func run(_ head: KeypointHead, scenePath: String, json: Bool) throws {
        let scene = try SceneFile.read(scenePath)
        let name = scenePath == "-" ? "<stdin>" : scenePath
        let classes = classCount(scene)
        do {
            switch head {
            case .centerNet:
                let targets = try CenterNetTargets(
                    scene.groundTruths, inputWidth: scene.width, inputHeight: scene.height, classes: classes)
                writeOut(
                    json
                        ? KeypointTargetsJSON.centerNet(targets)
                        : KeypointTargetsSummary.centerNet(targets, scene: scene))
            case .cornerNet:
                let targets = try CornerNetTargets(
                    scene.groundTruths, inputWidth: scene.width, inputHeight: scene.height, classes: classes)
                writeOut(
                    json
                        ? KeypointTargetsJSON.cornerNet(targets)
                        : KeypointTargetsSummary.cornerNet(targets, scene: scene))
            }
        } catch {
            throw inputError(error, file: name, classesGiven: scene.classCount != nil)
        }
    }

    /// `"num_classes"` when the scene gives it, else the largest label + 1 (0 for no boxes or only
    /// negative labels, which the label check then reports).
    static func classCount(_ scene: Scene) -> Int {
        scene.classCount ?? max(0, (scene.groundTruths.map(\.label).max() ?? -1) + 1)
    }

    static func inputError(_ error: KeypointTargetError, file: String, classesGiven: Bool) -> InputError {
        switch error {
        case .labelOutOfRange(let box, let label, let classes):
            guard label >= 0 else {
                return InputError(
                    file: file, record: "boxes[\(box)]",
                    problem: "label \(label) is negative; heat maps are indexed by label from 0")
            }
            let source = classesGiven ? "num_classes is \(classes)" : "the largest label + 1 is \(classes)"
            return InputError(
                file: file, record: "boxes[\(box)]",
                problem:
                    "label \(label) is outside 0..<\(classes) (\(source)); heat maps are indexed by label")
        case .tooManyObjects:
            return InputError(file: file, record: "boxes", problem: "\(error)")
        case .negativeClassCount(let classes):
            return InputError(
                file: file, problem: "the number of classes must not be negative, found \(classes)")
        case .emptyOutput(let w, let h, let ow, let oh):
            return InputError(
                file: file, record: "image",
                problem: "a \(w)×\(h) input gives a \(ow)×\(oh) output map (stride 4), which has no cell")
        }
    }
}

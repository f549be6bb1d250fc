import Annotations
import ArgumentParser

/// How `inspect` and `compare` read a user's annotations and resize its images: one group, so
/// both commands spell, document and check these options the same way.
struct AnnotationOptions: ParsableArguments {
    @Option(help: "Annotation format: coco, voc or yolo (default: from the path).")
    var inputFormat: String?

    @Option(help: "YOLO or VOC: class names (names.yaml or one name per line).")
    var names: String?

    @Option(help: "Resize: shorter side.")
    var minSize = 800

    @Option(help: "Resize: longest allowed longer side.")
    var maxSize = 1333

    @Flag(help: "Stop at the first problem (bad record, missing or corrupt photo) instead of skipping it.")
    var strict = false

    /// The `--input-format` value as a format; `validate()` has already rejected anything else.
    var datasetFormat: DatasetFormat? { inputFormat.flatMap(DatasetFormat.init(rawValue:)) }

    func validate() throws {
        if let problem = InputLimits.resizeProblem(minSize: minSize, maxSize: maxSize) {
            throw ValidationError(problem)
        }
        if let inputFormat, DatasetFormat(rawValue: inputFormat) == nil {
            throw ValidationError("--input-format must be coco, voc or yolo")
        }
    }
}

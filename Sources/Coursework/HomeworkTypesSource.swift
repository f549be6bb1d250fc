/// The source of `HomeworkTypes`, the only module a student's `Homework` target may import:
/// plain values (`Point`, `Box`, `LTRB`, `FeatureLevel`, `SizeRange`) and the not-attempted
/// marker, with no algorithm at all.
///
/// Why a copy and not the toolkit's `FCOS` types: a module that carries the types also carries
/// `Centerness.value`, `NMS.greedy` and the matcher, so `import FCOS` would put every answer one
/// call away. The grader writes this text into the clean package it builds the student's files
/// in, which has no dependency at all, so an `import FCOS` or `import Coursework` in a student
/// file does not compile there (see ``GradingPackage``).
enum HomeworkTypesSource {
    static let text = """
        // The plain types of the FCOS homework, written by `fcos course init`. They carry values
        // only: every computation is yours to write. The grader rebuilds your files against its
        // own copy of this file, so changes here are not graded.

        /// A point in image pixels, such as a feature-map location.
        public struct Point: Hashable, Sendable, CustomStringConvertible {
            public var x: Float
            public var y: Float

            public init(x: Float, y: Float) {
                self.x = x
                self.y = y
            }

            public var description: String { "(\\(x), \\(y))" }
        }

        /// An axis-aligned box with corners (x0, y0) and (x1, y1), in image pixels.
        public struct Box: Hashable, Sendable, CustomStringConvertible {
            public var x0: Float
            public var y0: Float
            public var x1: Float
            public var y1: Float

            public init(x0: Float, y0: Float, x1: Float, y1: Float) {
                self.x0 = x0
                self.y0 = y0
                self.x1 = x1
                self.y1 = y1
            }

            public var description: String { "(\\(x0), \\(y0), \\(x1), \\(y1))" }
        }

        /// Four distances (l, t, r, b) from a location to the left, top, right and bottom sides
        /// of a box.
        public struct LTRB: Hashable, Sendable, CustomStringConvertible {
            public var l: Float
            public var t: Float
            public var r: Float
            public var b: Float

            public init(l: Float, t: Float, r: Float, b: Float) {
                self.l = l
                self.t = t
                self.r = r
                self.b = b
            }

            public var description: String { "(l: \\(l), t: \\(t), r: \\(r), b: \\(b))" }
        }

        /// The bounds of the range of m = max(l*, t*, r*, b*) one FPN level is responsible for.
        /// Whether a bound itself belongs to the range is the course's rule (see Matching.swift).
        public struct SizeRange: Hashable, Sendable {
            public var lower: Float
            public var upper: Float

            public init(lower: Float, upper: Float) {
                self.lower = lower
                self.upper = upper
            }
        }

        /// One FPN level: its name (P3 … P7), its stride s and its size range.
        public struct FeatureLevel: Hashable, Sendable {
            public var name: String
            public var stride: Int
            public var sizeRange: SizeRange

            public init(name: String, stride: Int, sizeRange: SizeRange) {
                self.name = name
                self.stride = stride
                self.sizeRange = sizeRange
            }
        }

        /// What a starter body throws, so the grader reports the function as "not attempted"
        /// rather than wrong.
        public struct NotAttempted: Error, Sendable, CustomStringConvertible {
            public var task: String
            public init(_ task: String) { self.task = task }
            public var description: String { task }
        }

        /// Ends a body you have not written yet: `try notAttempted("TODO: …")`.
        public func notAttempted(_ task: String) throws -> Never {
            throw NotAttempted(task)
        }

        // MARK: The whole loss

        /// The head's raw outputs for one image, flattened over the levels (P3 first): element
        /// i of every array belongs to the same location.
        public struct HeadOutputs: Sendable {
            /// N × C classification logits, row by row: location i, class c is element i·C + c.
            public var classLogits: [Float]
            /// C, the number of classes.
            public var classCount: Int
            /// Predicted distances (l, t, r, b) per location, in the course's units.
            public var boxRegression: [LTRB]
            /// One centerness logit per location.
            public var centernessLogits: [Float]

            public init(classLogits: [Float], classCount: Int, boxRegression: [LTRB], centernessLogits: [Float]) {
                self.classLogits = classLogits
                self.classCount = classCount
                self.boxRegression = boxRegression
                self.centernessLogits = centernessLogits
            }
        }

        /// The training targets of the same locations, and where they are.
        public struct LossTargets: Sendable {
            /// The class of each location's box, or −1 for background.
            public var classes: [Int]
            /// Target distances (l*, t*, r*, b*) per location, in the course's units. Only those of
            /// positive locations mean anything.
            public var deltas: [LTRB]
            /// The matched ground-truth box per location, in pixels (meaningless at background).
            public var boxes: [Box]
            /// Each location in image pixels.
            public var locations: [Point]
            /// The stride of each location's level.
            public var strides: [Int]
            /// The number of ground-truth boxes in the image.
            public var boxCount: Int

            public init(
                classes: [Int], deltas: [LTRB], boxes: [Box], locations: [Point], strides: [Int], boxCount: Int
            ) {
                self.classes = classes
                self.deltas = deltas
                self.boxes = boxes
                self.locations = locations
                self.strides = strides
                self.boxCount = boxCount
            }
        }

        /// The three normalised loss terms of one image.
        public struct LossTerms: Hashable, Sendable, CustomStringConvertible {
            public var classification: Float
            public var regression: Float
            public var centerness: Float

            public init(classification: Float, regression: Float, centerness: Float) {
                self.classification = classification
                self.regression = regression
                self.centerness = centerness
            }

            /// What training minimises: the sum of the three terms.
            public var total: Float { classification + regression + centerness }

            public var description: String {
                "(classification: \\(classification), regression: \\(regression), centerness: \\(centerness))"
            }
        }

        // MARK: Inference (part `inference`)

        /// One pyramid level's dense head outputs for one image: for location `i`,
        /// `classLogits[i]` holds its C class logits, `boxRegression[i]` its four distances and
        /// `centernessLogits[i]` its centerness logit.
        public struct LevelOutputs: Hashable, Sendable {
            public var locations: [Point]
            public var stride: Int
            public var classLogits: [[Float]]
            public var boxRegression: [LTRB]
            public var centernessLogits: [Float]

            public init(
                locations: [Point], stride: Int, classLogits: [[Float]], boxRegression: [LTRB],
                centernessLogits: [Float]
            ) {
                self.locations = locations
                self.stride = stride
                self.classLogits = classLogits
                self.boxRegression = boxRegression
                self.centernessLogits = centernessLogits
            }
        }

        /// One detection: a box in image pixels, its score and its class index (0..<C).
        public struct Detection: Hashable, Sendable, CustomStringConvertible {
            public var box: Box
            public var score: Float
            public var label: Int

            public init(box: Box, score: Float, label: Int) {
                self.box = box
                self.score = score
                self.label = label
            }

            public var description: String { "\\(box) score \\(score) label \\(label)" }
        }

        """
}

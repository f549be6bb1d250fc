// swift-tools-version: 6.0
import PackageDescription

// One direction of dependency, bottom to top:
//   FCOS (maths, no dependencies)      Canvas (thin layer over Cairo)
//   Annotations (on FCOS)              Figures (on FCOS + Canvas)
//   Notebook (the lesson runner, on Figures)
//   lesson-0N-… executables, the `fcos` command line
let package = Package(
    name: "fcos-targets",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "FCOS", targets: ["FCOS"]),
        .library(name: "Keypoints", targets: ["Keypoints"]),
        .library(name: "Coursework", targets: ["Coursework"]),
        .library(name: "CourseworkFigures", targets: ["CourseworkFigures"]),
        .executable(name: "fcos", targets: ["fcos"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        .target(name: "FCOS", exclude: ["README.md"]),
        .target(name: "Annotations", dependencies: ["FCOS"]),
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"]), .brew(["cairo"])]
        ),
        .target(name: "Canvas", dependencies: ["CCairo"]),
        // MARK: more targets
        .systemLibrary(
            name: "CJPEG",
            pkgConfig: "libjpeg",
            providers: [.apt(["libjpeg-dev"]), .brew(["jpeg-turbo"])]
        ),
        .target(name: "CJPEGShim", dependencies: ["CJPEG"], linkerSettings: [.linkedLibrary("jpeg")]),
        .target(name: "Photos", dependencies: ["CJPEGShim", "Canvas"]),
        .testTarget(name: "PhotosTests", dependencies: ["Photos", "Canvas"], exclude: ["Fixtures"]),
        .testTarget(
            name: "LessonsTests",
            dependencies: ["FCOS", "ATSS", "GFL", "Annotations", "Canvas", "Figures", "Notebook"]),
        .target(name: "Coursework", dependencies: ["FCOS"]),
        .target(name: "CourseworkFigures", dependencies: ["Coursework", "Figures", "Canvas", "FCOS"]),
        .testTarget(name: "CourseworkTests", dependencies: ["Coursework", "CourseworkFigures"]),
        .target(name: "Figures", dependencies: ["FCOS", "ATSS", "Keypoints", "Canvas"]),
        .testTarget(name: "FiguresTests", dependencies: ["Figures", "ATSS", "Annotations", "Keypoints"]),
        .testTarget(name: "CanvasTests", dependencies: ["Canvas"]),
        .target(
            name: "Notebook",
            dependencies: [
                "Canvas", "FCOS", "Annotations", "Figures", "Diagnostics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook"]),
        .executableTarget(
            name: "fcos",
            dependencies: [
                "FCOS",
                "Keypoints",
                "ATSS",
                "GFL",
                "Annotations",
                "Coursework",
                "CourseworkFigures",
                "Canvas",
                "Figures",
                "Photos",
                "Diagnostics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "AnnotationsTests", dependencies: ["Annotations"], exclude: ["Fixtures"]),
        .testTarget(name: "CommandLineTests", dependencies: ["fcos"]),
        .target(name: "ATSS", dependencies: ["FCOS"], exclude: ["README.md"]),
        .target(name: "GFL", dependencies: ["ATSS", "FCOS"], exclude: ["README.md"]),
        .testTarget(
            name: "ATSSTests",
            dependencies: [
                "ATSS", "FCOS", "Annotations", .product(name: "Numerics", package: "swift-numerics"),
            ]),
        .testTarget(
            name: "GFLTests",
            dependencies: ["GFL", "ATSS", "FCOS", .product(name: "Numerics", package: "swift-numerics")]),
        .testTarget(
            name: "FCOSTests",
            dependencies: [
                "FCOS",
                .product(name: "Numerics", package: "swift-numerics"),
            ]
        ),
        // One exit-status table and one-line error style for `fcos` and the lessons.
        .target(
            name: "Diagnostics",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")],
            exclude: ["README.md"]),
        // Every command in README.md's sh blocks parses (and the cheap ones run).
        .testTarget(
            name: "ReadmeTests",
            dependencies: [
                "fcos", "Notebook", "Diagnostics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(name: "Keypoints", dependencies: ["FCOS"], exclude: ["README.md"]),
        .testTarget(
            name: "KeypointsTests",
            dependencies: ["Keypoints", .product(name: "Numerics", package: "swift-numerics")],
            exclude: ["Generators"]),
        .testTarget(name: "TutorialsTests", dependencies: ["FCOS", "ATSS", "GFL", "Keypoints"]),
    ],
    swiftLanguageModes: [.v6]
)

/// One executable per lesson, built from `Lessons/<name>/main.swift`.
let lessons = [
    "lesson-01-anchor-free",
    "lesson-02-locations",
    "lesson-03-matching",
    "lesson-04-deltas",
    "lesson-05-centerness",
    "lesson-06-focal-loss",
    "lesson-07-nms",
    "lesson-08-training-targets",
    "lesson-09-atss",
    "lesson-10-gfl",
    "lesson-11-centernet",
]
package.targets += lessons.map { name in
    .executableTarget(
        name: name,
        dependencies: ["FCOS", "ATSS", "GFL", "Keypoints", "Annotations", "Canvas", "Figures", "Notebook"],
        path: "Lessons/\(name)")
}

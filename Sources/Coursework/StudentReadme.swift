/// The README of the student package: what to do, how to check it, how to read the grader.
struct StudentReadme {
    var course: Course
    var withSolutions: Bool

    var text: String {
        let rows = course.parts.map { part in
            "| \(part.rawValue) | `Sources/Homework/\(part.fileName)` | \(part.title) | \(part.maxPoints) |"
        }
        let solutionNote =
            withSolutions
            ? "\n> This copy contains working solutions that call the toolkit; it is for instructors.\n"
            : ""
        return """
            # FCOS homework: training targets, loss and NMS
            \(solutionNote)
            FCOS (Tian et al., 2019) detects objects by letting every feature-map location predict a
            class, a box and a "centerness". Training it needs *targets* for every location, and most
            bugs in an FCOS implementation are wrong targets that still look plausible. In this homework
            you write the functions that make those targets, plus the loss and the final NMS, and a
            grader compares them with a reference implementation and tells you *why* they differ.

            The rules follow preset `\(course.presetName)`: \(course.preset.summary). Each source file
            states the rule it needs in its doc comment.

            ## What to do

            | part | file | task | points |
            |---|---|---|---|
            \(rows.joined(separator: "\n"))

            Replace each `try notAttempted("TODO: …")` with your code. The types (`Point`, `Box`, `LTRB`,
            `FeatureLevel`, `SizeRange`) come from the toolkit's `FCOS` module: `Box(x0:y0:x1:y1:)`,
            `Point(x:y:)`, `LTRB(l:t:r:b:)`, `level.stride`, `level.sizeRange.lower` / `.upper`. Please
            write the maths yourself instead of calling the toolkit's implementations of it.

            ## Check your work

            ```
            swift run grade              # every part: passed, failed or not attempted, and why
            swift run grade --part nms   # one part
            swift run visualize          # your matching next to the reference, per FPN level
            ```

            `grade` runs each part in its own process, so a crash in one part does not hide the others.
            For each failing part it prints the first few differences in words, for example

            > a small box inside a larger one (320×320), P4 location (200, 216): you matched GT 0,
            > expected GT 1: both contain it and pass the P4 gate [64, 128], GT 1 has the smaller area
            > (4 800 vs 9 216).

            and, when your output is exactly what a well-known mistake produces (strict instead of
            inclusive range bounds, the largest box instead of the smallest, a missing square root, ≥
            instead of > in NMS, …), it names the mistake. The grader finds those by running the
            reference *with* each mistake and comparing, so a named mistake is a strong hint, not a guess.

            The cases are hand-made edge cases (locations exactly on an edge, m exactly 64, equal areas,
            tiny and huge boxes, an empty image) and random scenes from a fixed seed, so every run sees
            the same cases. `swift run grade --json` prints the full result.

            `visualize` writes `visualize.png` (options: `--scene N` for another scene, `--out FILE`);
            locations where your assignment differs from the reference are ringed.

            ## Grading

            A part passes when every case agrees with the reference (floats to a relative 1e-4). A
            failing part earns points in proportion to the cases it gets right; a part that still throws
            `notAttempted` earns none. Your instructor runs the same grader with `fcos course grade`.

            """
    }
}

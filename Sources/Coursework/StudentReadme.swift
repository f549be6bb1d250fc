/// The README of the student package: what to do, how to check it, how grading works, with the
/// scoring rule stated exactly as ``Grading/partialPoints`` computes it.
struct StudentReadme {
    var course: Course
    var withSolutions: Bool

    var text: String {
        let rows = course.parts.map { part in
            "| \(part.rawValue) | `Sources/Homework/\(part.fileName)` | \(part.title) | \(course.points(for: part)) |"
        }
        let solutionNote =
            withSolutions
            ? "\n> This copy contains the answer key (plain code on the homework's types); it is for instructors.\n"
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

            Replace each `try notAttempted("TODO: …")` with your code. Your files see one module,
            `HomeworkTypes`: plain values with no maths in them, `Point(x:y:)`, `Box(x0:y0:x1:y1:)`,
            `LTRB(l:t:r:b:)`, `FeatureLevel` (`level.stride`, `level.sizeRange.lower` / `.upper`) and
            `SizeRange`. Add `import Foundation` where you need `exp`, `log` or `pow`. The toolkit is
            not available to your code: the grader builds `Sources/Homework` in a clean package with
            `HomeworkTypes` only, so `import FCOS` fails there. You may add helper files to
            `Sources/Homework`; the grader ignores everything else you change (`Package.swift`,
            `Sources/answer`, `Sources/HomeworkTypes`, `grader/`).

            \(lossSection)\(inferenceSection)## Check your work

            ```
            swift build                                     # compile your code
            swift run --package-path grader grade           # every part on the example cases, and why
            swift run --package-path grader grade --part nms
            swift run --package-path grader visualize       # your matching next to the reference
            ```

            `grade` builds your files the way the grader does and runs each part as a separate, sandboxed
            process that only answers the grader's questions, so a crash or an endless loop in one part
            does not hide the others (a part stops after 60 s here, `--timeout` to change). For each
            failing part it prints the first few differences in words, for example

            > a small box inside a larger one (320×320), P4 location (200, 216): you matched GT 0,
            > expected GT 1: both contain it and pass the P4 gate [64, 128], GT 1 has the smaller area
            > (4 800 vs 9 216).

            and, when your output is exactly what a well-known mistake produces (strict instead of
            inclusive range bounds, the largest box instead of the smallest, a missing square root, ≥
            instead of > in NMS, …), it names the mistake. The grader finds those by running the
            reference *with* each mistake and comparing, so a named mistake is a strong hint, not a guess.

            `visualize` writes `visualize.png` (`--scene N` for another scene, `--list` to name them,
            `--out FILE`); locations where your answer differs from the reference are ringed.

            ## Grading

            Your instructor runs `fcos course grade` on a copy of your package. It checks the **example
            cases** you see here (hand-made edge cases and random scenes from a fixed seed) and then
            **hidden cases** drawn at grading time from a seed the report records: more random cases and
            the boundaries of every rule at random places (m exactly on a range bound, equal areas, areas
            a few px² apart, locations exactly on box edges and on the center-sampling radius, IoU exactly
            at the NMS threshold, logits of ±100). Code that follows the rules passes both; code that
            memorises the examples does not.

            - A part **passes**, and earns all its points, when every case agrees with the reference:
              integers exactly, floats within 1e-4 (relative, or absolute near 0).
            - A part that **fails** earns at most half its points. Its cases are grouped into families
              (the report lists them). A case is *informative* unless a do-nothing answer (every location
              background, every box kept in input order, an empty list, 0) would also be right. The part
              earns ⌊points / 2 × m⌋, where m is the mean, over the families that have informative cases,
              of the fraction of those cases you got right. A constant answer therefore earns nothing.
            - A part whose functions still throw `notAttempted` (or `fatalError("TODO…")`) is **not
              attempted** and earns nothing.
            - If your code crashes, hangs (more than the time limit per part), exits early or writes more
              than the limits allow, the cases it answered are graded, the rest count as wrong, and the
              report says in words where it stopped.

            """
    }

    /// The loss part's types, only when the course has the part.
    var lossSection: String {
        guard course.parts.contains(.loss) else { return "" }
        return """
            ### Part `loss`

            `fcosLoss(predicted:targets:)` gets one image's head outputs as `HeadOutputs` (class
            logits N × C row by row, predicted distances, centerness logits) and its targets as
            `LossTargets` (class per location, −1 for background, target distances, matched boxes,
            locations, strides, the number of boxes), and returns `LossTerms` (the three normalised
            terms; `total` is their sum). `Loss.swift` states this preset's masks and divisors and
            shows a worked example. You may call your own `sigmoidFocalLoss` and `centerness` when
            your course has those parts, or compute them inline.

            """
    }

    /// The inference part's types and order rule, only when the course has the part.
    var inferenceSection: String {
        guard course.parts.contains(.inference) else { return "" }
        return """
            ### Part `inference`

            `detections(from:imageWidth:imageHeight:)` gets one image's head outputs per level as
            `LevelOutputs` (`locations`, `stride`, `classLogits[i]` with C logits per location,
            `boxRegression[i]`, `centernessLogits[i]`) and returns `Detection(box:score:label:)`
            values, the highest score first. `Inference.swift` states every rule of this preset
            (threshold, top-k, decoding, clipping, NMS, cap) and shows a worked example. The
            grader compares detections in order, boxes and scores within 1e-4, and names the
            first detection that is missing, extra or different. You may call your own
            `nonMaximumSuppression` and `applyDeltas`, but the NMS here is per class.

            """
    }
}

import Canvas
import Diagnostics
import Foundation

extension Lesson {
    /// Runs the lesson: shows its steps on `console`, writes figures and `index.html` into the
    /// output directory, and reports what happened. Never exits the process; see ``main(_:)``.
    public func run(_ options: LessonOptions, console: Console = .standard()) -> LessonResult {
        var runner = LessonRunner(lesson: self, options: options, console: console)
        return runner.run()
    }
}

/// One run of a lesson: evaluates steps in order (each at most once), drives the navigator, and
/// hands the evaluated pages to the terminal and HTML renderers.
struct LessonRunner {
    let lesson: Lesson
    let options: LessonOptions
    let console: Console
    let outDirectory: String
    let terminal: TerminalRenderer
    let figures: FigureWriter

    private var pages: [StepPage] = []
    private var figurePaths: [String] = []
    private var shownSteps: [Int] = []

    init(lesson: Lesson, options: LessonOptions, console: Console) {
        self.lesson = lesson
        self.options = options
        self.console = console
        self.outDirectory = options.outputDirectory(lessonID: lesson.id)
        self.terminal = TerminalRenderer(
            width: console.width, color: console.supportsColor && !options.noColor)
        self.figures = FigureWriter(directory: outDirectory, format: options.format)
    }

    mutating func run() -> LessonResult {
        let stepCount = lesson.steps.count
        if let failure = checkBeforeStart() {
            return LessonResult(
                outcome: .failed, failure: failure, shownSteps: [], figurePaths: [], notebookPath: nil)
        }
        console.write(
            terminal.header(
                lessonID: lesson.id, title: lesson.title, summary: lesson.summary, stepCount: stepCount,
                outDir: outDirectory))

        let pausing = console.isInteractive && !options.noPause
        var navigator = StepNavigator(stepCount: stepCount, startingAt: options.step - 1)
        var move = StepNavigator.Move.show(navigator.current)
        var outcome = LessonResult.Outcome.finished
        var failure: LessonFailure?

        navigation: while true {
            switch move {
            case .show(let index):
                do {
                    let page = try page(at: index)
                    console.write(terminal.render(page, of: stepCount))
                    shownSteps.append(page.number)
                } catch {
                    failure = error as? LessonFailure ?? LessonFailure(step: index + 1, message: "\(error)")
                    break navigation
                }
            case .stay:
                let hasAnswers =
                    pages.indices.contains(navigator.current)
                    && terminal.answers(pages[navigator.current]) != nil
                console.write(terminal.promptHelp(singleKey: console.readKey != nil, hasAnswers: hasAnswers))
            case .alreadyAtFirst:
                let first = navigator.firstIndex + 1
                console.write(
                    terminal.notice(
                        first == 1
                            ? "already at the first step" : "already at step \(first), where --step started"))
            case .reveal(let index):
                let answers = pages.indices.contains(index) ? terminal.answers(pages[index]) : nil
                console.write(answers ?? terminal.notice("this step has no hidden answers"))
            case .finish:
                break navigation
            case .quit:
                outcome = .quit
                break navigation
            }
            if pausing {
                let hasAnswers =
                    pages.indices.contains(navigator.current)
                    && terminal.answers(pages[navigator.current]) != nil
                console.write(
                    "\n"
                        + terminal.prompt(
                            step: navigator.current + 1, of: stepCount, singleKey: console.readKey != nil,
                            hasAnswers: hasAnswers))
                move = navigator.apply(NavigationCommand(line: readInput()))
            } else {
                move = navigator.apply(.next)
            }
        }

        if failure == nil, pages.count < stepCount {
            let remaining =
                pages.count + 1 == stepCount ? "step \(stepCount)" : "steps \(pages.count + 1)–\(stepCount)"
            console.write(
                terminal.ansi.dim("\nRunning \(remaining) for the notebook page…") + "\n")
            do {
                _ = try page(at: stepCount - 1)
            } catch {
                failure = error as? LessonFailure ?? LessonFailure(step: nil, message: "\(error)")
            }
        }

        let notebookPath = writeNotebook(failure: failure)
        if let notebookPath {
            console.write("\n" + terminal.ansi.bold("Notebook page: ") + notebookPath + "\n")
        }
        var result = LessonResult(
            outcome: failure == nil ? outcome : .failed,
            failure: failure,
            shownSteps: shownSteps,
            figurePaths: figurePaths,
            notebookPath: notebookPath)
        result.jupyterPath = writeJupyterNotebook(failure: failure)
        if let path = result.jupyterPath {
            // Beside the page, so only the name: a long temporary path would break an 80-column line.
            let name = path.split(separator: "/").last.map(String.init) ?? path
            console.write(terminal.ansi.bold("Jupyter notebook beside it: ") + name + "\n")
        }
        return result
    }

    /// One key when the terminal allows it (echoed as a line end, since raw mode does not echo),
    /// else one line.
    private func readInput() -> String? {
        guard let readKey = console.readKey else { return console.readLine() }
        let key = readKey()
        console.write("\n")
        return key
    }

    private func checkBeforeStart() -> LessonFailure? {
        let stepCount = lesson.steps.count
        guard stepCount > 0 else {
            return LessonFailure(step: nil, message: "lesson '\(lesson.id)' has no steps")
        }
        guard options.step <= stepCount else {
            return LessonFailure(
                step: nil,
                message: "--step \(options.step) is past the end: this lesson has \(stepCount) steps",
                status: .usageError)
        }
        if let problem = PathProblem.writingFolder(outDirectory) {
            return LessonFailure(step: nil, message: "--out \(outDirectory): \(problem)", status: .usageError)
        }
        do {
            try AtomicFile.createDirectories(outDirectory)
        } catch {
            return LessonFailure(
                step: nil, message: "--out \(outDirectory): cannot create the folder: \(error)",
                status: .usageError)
        }
        return nil
    }

    /// The page for a step, evaluating it, and every step before it, on first use: later steps
    /// may rely on what earlier ones computed, even when `--step` skips showing them.
    private mutating func page(at index: Int) throws -> StepPage {
        while pages.count <= index {
            pages.append(try evaluate(stepAt: pages.count))
        }
        return pages[index]
    }

    private mutating func evaluate(stepAt index: Int) throws -> StepPage {
        let step = lesson.steps[index]
        let number = index + 1
        func failure(_ error: any Error) -> LessonFailure {
            LessonFailure(
                step: number, message: "step \(number) “\(step.title)”: \(LessonFailure.oneLine(error))")
        }

        let cells: [Cell]
        do {
            cells = try step.body()
        } catch {
            throw failure(error)
        }
        var written: [String: WrittenFigure] = [:]
        for case .figure(let spec) in cells {
            guard !figurePaths.contains(figures.path(for: spec.name)) else {
                throw failure(FigureWriter.Failure(description: "two figures are named '\(spec.name)'"))
            }
            do {
                let (path, hotspots) = try figures.write(spec)
                figurePaths.append(path)
                written[spec.name] = WrittenFigure(
                    path: path, format: figures.format, number: figurePaths.count, hotspots: hotspots)
            } catch {
                throw failure(error)
            }
        }
        return StepPage(number: number, title: step.title, cells: cells, figures: written)
    }

    /// Short facts about this run for the page's and the notebook's header.
    var details: [String] {
        var details = ["preset \(options.preset)", "figures as \(options.format.rawValue.uppercased())"]
        if let scene = options.scene { details.insert("scene \(scene)", at: 1) }
        return details
    }

    /// The command that runs the lesson again with this run's options.
    var command: [String] { ["swift", "run", lesson.id] + options.reproducingArguments }

    /// Writes `index.html` even after a failure, so the student can see how far the lesson got.
    private func writeNotebook(failure: LessonFailure?) -> String? {
        let path = "\(outDirectory)/index.html"
        let html = HTMLRenderer(
            lessonID: lesson.id, title: lesson.title, summary: lesson.summary,
            stepTitles: lesson.steps.map(\.title), details: details,
            command: command.joined(separator: " ")
        ).render(pages: pages, failure: failure)
        do {
            try AtomicFile.write(html, to: path)
            return path
        } catch {
            console.write("warning: could not write \(path): \(LessonFailure.oneLine(error))\n")
            return nil
        }
    }

    /// Writes `<lesson id>.ipynb` beside `index.html`, from the same evaluated steps.
    private func writeJupyterNotebook(failure: LessonFailure?) -> String? {
        let path = "\(outDirectory)/\(lesson.id).ipynb"
        do {
            let data = try JupyterRenderer(
                lessonID: lesson.id, title: lesson.title, summary: lesson.summary, details: details,
                command: command
            ).render(pages: pages, failure: failure)
            try AtomicFile.write(data, to: path)
            return path
        } catch {
            console.write("warning: could not write \(path): \(LessonFailure.oneLine(error))\n")
            return nil
        }
    }
}

/// A lesson: an identifier (the executable's name), a title, and its steps in reading order.
///
/// ```swift
/// Lesson(id: "lesson-02-centerness", title: "Centerness") {
///     Step("The formula") {
///         "Centerness down-weights locations far from the *centre* of their box."
///         Formula("centerness* = sqrt(min(l,r)/max(l,r) · min(t,b)/max(t,b))")
///     }
/// }.main()
/// ```
public struct Lesson {
    /// Used for the default output directory `lesson-output/<id>`; match the executable name.
    public var id: String
    public var title: String
    /// One or two sentences under the title: what the student will be able to explain afterwards.
    public var summary: String?
    public var steps: [Step]

    public init(id: String, title: String, summary: String? = nil, @StepBuilder steps: () -> [Step]) {
        self.init(id: id, title: title, summary: summary, steps: steps())
    }

    public init(id: String, title: String, summary: String? = nil, steps: [Step]) {
        self.id = id
        self.title = title
        self.summary = summary
        self.steps = steps
    }
}

/// A common error recognised by name.
///
/// The grader recognises a mistake by *running it*: each part keeps a recipe of how the
/// reference computes its answer, each mistake is one change to that recipe (strict `<` for
/// `≤`, the largest area for the smallest, no square root …), and a mistake is named only when
/// the changed recipe reproduces the student's output on every case. A guess from the symptoms
/// alone would name mistakes the student did not make.
public struct Mistake: Hashable, Sendable, Codable {
    /// A stable identifier for tests and JSON, e.g. `max-area`.
    public var id: String
    /// The name a student would search for, e.g. "max-area instead of min-area".
    public var name: String
    /// A short question appended to each difference, e.g. "did you take the square root?".
    public var question: String
    /// What to change, for this course's rules.
    public var advice: String

    /// A mistake with its identifier, searchable name, question and advice.
    public init(id: String, name: String, question: String, advice: String) {
        self.id = id
        self.name = name
        self.question = question
        self.advice = advice
    }

    /// The sentence the report shows once per part.
    public var sentence: String { "Recognised mistake: \(name). \(advice)" }
}

/// One mistake as a change to a part's recipe.
struct Change<Recipe> {
    var mistake: Mistake
    var apply: (inout Recipe) -> Void
}

/// The smallest set of changes (one, else two) that turns `reference` into a recipe that
/// reproduces the student's output; `nil` when none does.
///
/// Changes that leave the recipe as it was (removing center sampling from a preset without it)
/// are skipped, since they would "reproduce" a correct answer.
func diagnose<Recipe: Equatable>(
    reference: Recipe, changes: [Change<Recipe>], reproduces: (Recipe) -> Bool
) -> [Mistake]? {
    let effective = changes.filter { change in
        var recipe = reference
        change.apply(&recipe)
        return recipe != reference
    }
    for change in effective {
        var recipe = reference
        change.apply(&recipe)
        if reproduces(recipe) { return [change.mistake] }
    }
    for (i, first) in effective.enumerated() {
        for second in effective[(i + 1)...] {
            var recipe = reference
            first.apply(&recipe)
            second.apply(&recipe)
            guard recipe != reference, reproduces(recipe) else { continue }
            // One mistake can take two changes (dividing in `deltas` and multiplying in
            // `applyDeltas`); name it once.
            return second.mistake.id == first.mistake.id ? [first.mistake] : [first.mistake, second.mistake]
        }
    }
    return nil
}

import Notebook

Lesson(id: "lesson-07-nms", title: "(being written)") {
    Step("Soon") { "This lesson is being written." }
}.main()

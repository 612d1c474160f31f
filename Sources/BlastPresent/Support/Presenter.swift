import BlastCore
import BlastRender

/// An answer shown as plain text for people.
public protocol TextPresenter {
    /// The whole answer as text; colour only when `style` allows it.
    func text(_ style: TextStyle) -> String
}

/// An answer shown as JSON for programs; keys are stable and encoded sorted.
public protocol JSONPresenter {
    associatedtype Document: Encodable
    /// The answer's JSON document.
    func json() -> Document
}

/// An answer shown as a diagram: what to draw, as data, for `GraphvizRenderer`.
public protocol ScenePresenter {
    /// The scene; the renderer folds subtrees and lays it out.
    func scene() -> Scene
}

/// An answer with one presenter per format: text, JSON and a diagram scene. Every query answer
/// (radius, who-can, can, path, what-if, diff, chokepoints, rank) is one; the CLI and any other
/// front end write them through the same three methods.
public typealias AnswerPresenter = TextPresenter & JSONPresenter & ScenePresenter

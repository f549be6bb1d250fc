import Figures

extension HTMLStyle {
    /// Figures break out of the reading column: as wide as they were drawn, up to the window,
    /// centred on the column (`--w` is the figure's own width). A click opens one in an overlay (a
    /// hidden checkbox and its label, no script) at least at its full size and as wide as the
    /// window up to twice that, for a projector; the hover layer's styles follow.
    ///
    /// The figure is centred with a negative margin, not a transform: a transformed ancestor
    /// would become the containing block of the `position: fixed` overlay.
    static let figureCSS =
        """
        figure.figure {
          width: min(calc(100vw - 3rem), var(--w, 48rem));
          margin: 2rem 0 2rem calc(50% - min(50vw - 1.5rem, var(--w, 48rem) / 2));
        }
        figure.figure > label { display: block; cursor: zoom-in; }
        input.zoom { position: absolute; opacity: 0; pointer-events: none; }
        input.zoom:focus-visible + label { outline: 2px solid var(--accent); outline-offset: 4px; }
        input.zoom:checked + label {
          position: fixed; inset: 0; z-index: 10; overflow: auto; padding: 1.5rem; cursor: zoom-out;
          background: rgb(0 0 0 / .85);
        }
        input.zoom:checked + label > img, input.zoom:checked + label > svg {
          max-width: none; width: clamp(var(--w, 48rem), 100%, calc(var(--w, 48rem) * 2)); margin: 0 auto; border: 0;
        }
        figcaption .hint { display: block; font-size: .82rem; }

        """ + ExplainedFigureMarkup.css
}

import Foundation

/// An explaining figure as HTML: inline `<svg>` that shows the drawn figure as an `<image>` and
/// lays over it one transparent circle per ``Hotspot``, whose `<title>` the browser shows as a
/// tooltip, no script needed. Both the lessons' notebook page and `fcos inspect`'s gallery use it.
///
/// With ``script`` on the page, a click on a spot also opens a side panel with the same text and
/// outlines the boxes it names (the winner solid, the others dashed); without it the page loses
/// nothing but that convenience.
public enum ExplainedFigureMarkup {
    /// The `<svg>` element. `imageHref` is a `data:` URI or a relative file name; `label` names
    /// the figure for screen readers.
    public static func svg(imageHref: String, hotspots: FigureHotspots, label: String) -> String {
        let width = Int(hotspots.size.width.rounded(.up))
        let height = Int(hotspots.size.height.rounded(.up))
        var svg =
            "<svg class=\"explained\" viewBox=\"0 0 \(width) \(height)\" "
            + "width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(escape(label))\">\n"
            + "<image href=\"\(escape(imageHref))\" width=\"\(width)\" height=\"\(height)\"/>\n"
            + "<g class=\"outlines\">"
        for outline in hotspots.outlines {
            let r = outline.rect
            svg +=
                "<rect data-b=\"\(outline.box)\" x=\"\(number(r.minX))\" "
                + "y=\"\(number(r.minY))\" width=\"\(number(r.width))\" height=\"\(number(r.height))\"/>"
        }
        // One group per run of spots of one panel and one size (a panel's inset has larger
        // spots), carrying the spot radius as the CSS `r` property (SVG 2) that its circles
        // inherit, so the thousands of circles need only their centres (whole pixels: half a
        // pixel off is nothing for a spot at least 2.5 px wide). The boxes a spot names are in
        // its text ("#1 …:" lines, "→ positive of #1"), where the script reads them.
        svg += "</g>\n"
        var start = hotspots.spots.startIndex
        while start < hotspots.spots.endIndex {
            let first = hotspots.spots[start]
            let end =
                hotspots.spots[start...].firstIndex { $0.panel != first.panel || $0.radius != first.radius }
                ?? hotspots.spots.endIndex
            svg += "<g class=\"spots\" data-p=\"\(first.panel)\" style=\"r:\(number(first.radius))px\">\n"
            for spot in hotspots.spots[start..<end] {
                svg +=
                    "<circle cx=\"\(Int(spot.center.x.rounded()))\" cy=\"\(Int(spot.center.y.rounded()))\">"
                    + "<title>\(escape(spot.text))</title></circle>"
            }
            svg += "\n</g>"
            start = end
        }
        return svg + "</svg>"
    }

    /// Styles for the spots, the outlines and the side panel.
    public static let css = """
        svg.explained { display: block; max-width: 100%; height: auto; margin: 0 auto; background: #fff; }
        svg.explained .outlines rect { fill: none; stroke: none; pointer-events: none; }
        svg.explained .outlines rect.lit {
          stroke: #000; stroke-width: 3; stroke-dasharray: 6 4; paint-order: stroke;
        }
        svg.explained .outlines rect.lit.win { stroke-dasharray: none; }
        svg.explained .spots circle { r: inherit; fill: rgb(255 255 255 / 0); cursor: help; }
        svg.explained .spots circle:hover, svg.explained .spots circle.picked {
          stroke: #000; stroke-width: 2; fill: rgb(255 255 255 / .35);
        }
        #explain-panel {
          position: fixed; right: 1rem; bottom: 1rem; z-index: 20; max-width: min(44rem, calc(100vw - 2rem));
          background: #fff; color: #1f2328; border: 1px solid #8c959f; border-radius: 8px;
          box-shadow: 0 6px 24px rgb(0 0 0 / .25); padding: .8rem 2.6rem .8rem 1rem;
        }
        #explain-panel pre { margin: 0; font: .85rem/1.5 ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap; }
        #explain-panel button {
          position: absolute; top: .3rem; right: .4rem; border: 0; background: none; font-size: 1.4rem;
          line-height: 1; cursor: pointer; color: inherit;
        }

        """

    /// A small inline script (no network, no framework): click a spot to read its story in a side
    /// panel and see the boxes it names outlined; Escape or × closes the panel.
    public static let script = #"""
        (() => {
          const panel = document.createElement("aside");
          panel.id = "explain-panel";
          panel.hidden = true;
          panel.setAttribute("aria-live", "polite");
          panel.innerHTML = '<button type="button" aria-label="Close">×</button><pre></pre>';
          document.body.append(panel);
          const text = panel.querySelector("pre");
          let lit = [];
          const clear = () => { lit.forEach(e => e.classList.remove("lit", "win", "picked")); lit = []; };
          const close = () => { clear(); panel.hidden = true; };
          panel.querySelector("button").addEventListener("click", close);
          document.addEventListener("keydown", e => { if (e.key === "Escape") close(); });
          document.addEventListener("click", e => {
            const spot = e.target.closest && e.target.closest("svg.explained .spots circle");
            if (!spot) return;
            e.preventDefault();
            clear();
            const story = spot.querySelector("title").textContent;
            const winner = (story.match(/→ positive of #(\d+)/) || [])[1];
            const boxes = [...story.matchAll(/^#(\d+)/gm)].map(m => m[1]);
            spot.closest("svg").querySelectorAll(".outlines rect").forEach(r => {
              if (!boxes.includes(r.dataset.b)) return;
              r.classList.add("lit");
              if (r.dataset.b === winner) r.classList.add("win");
              lit.push(r);
            });
            spot.classList.add("picked");
            lit.push(spot);
            text.textContent = story;
            panel.hidden = false;
          });
        })();

        """#

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func number(_ value: CGFloat) -> String { number(Double(value)) }

    static func escape(_ text: String) -> String { HTMLEscape.text(text) }
}

/// The notebook page's stylesheet, inline so the page needs nothing but itself.
///
/// A narrow reading column, the platform's own fonts, tabular figures in tables, and a dark
/// variant; figures keep their white background in both.
enum HTMLStyle {
    static let css = """

        :root {
          --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --rule: #d8dee4;
          --accent: #0969da; --code-bg: #eff2f5;
          --note-bg: #fff8e5; --note-edge: #d4a72c; --try-bg: #eaf6ee; --try-edge: #2f9e55;
          --fail-bg: #ffebe9; --fail-edge: #cf222e;
          --mono: ui-monospace, "SF Mono", SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #161b22; --rule: #30363d;
            --accent: #4493f8; --code-bg: #262c36;
            --note-bg: #2a2413; --try-bg: #12261b; --fail-bg: #2d1517;
          }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body {
          margin: 0; background: var(--bg); color: var(--fg);
          font: 17px/1.65 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
        }
        main { max-width: 48rem; margin: 0 auto; padding: 3rem 1.5rem 4rem; }
        .kicker {
          margin: 0; font: 600 .78rem/1.2 var(--mono); letter-spacing: .08em;
          text-transform: uppercase; color: var(--accent);
        }
        h1 { font-size: 2.2rem; line-height: 1.2; margin: .5rem 0 .75rem; letter-spacing: -.01em; }
        .summary { font-size: 1.15rem; color: var(--muted); margin: 0 0 .75rem; }
        .meta { font-size: .85rem; color: var(--muted); margin: 0 0 1.5rem; }
        nav.toc {
          background: var(--panel); border: 1px solid var(--rule); border-radius: 8px;
          padding: .9rem 1.25rem; font-size: .95rem;
        }
        nav.toc ol {
          margin: 0; padding: 0; list-style: none; counter-reset: step;
          display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .2rem 2rem;
        }
        nav.toc li { counter-increment: step; display: flex; gap: .55rem; align-items: baseline; }
        nav.toc li::before {
          content: counter(step); flex: none; width: 1.4rem; text-align: right;
          font-variant-numeric: tabular-nums; font-weight: 600; color: var(--accent);
        }
        nav.toc a { color: var(--fg); text-decoration: none; }
        nav.toc a:hover { color: var(--accent); text-decoration: underline; }
        nav.toc .not-run { color: var(--muted); }
        section.step { margin-top: 3.5rem; }
        h2 {
          display: flex; align-items: center; gap: .7rem; font-size: 1.5rem; line-height: 1.3;
          margin: 0 0 1rem; padding-bottom: .5rem; border-bottom: 1px solid var(--rule);
        }
        .step-number {
          flex: none; display: inline-grid; place-items: center; width: 2rem; height: 2rem;
          border-radius: 50%; background: var(--accent); color: #fff; font-size: 1rem; font-weight: 600;
        }
        h3 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
        p, ul { margin: 0 0 1rem; }
        li { margin: .2rem 0; }
        code { font-family: var(--mono); font-size: .88em; }
        p code, li code, caption code, figcaption code {
          background: var(--code-bg); padding: .1em .35em; border-radius: 4px;
        }
        pre.formula {
          margin: 1.25rem 0; padding: .9rem 1.2rem; overflow-x: auto; background: var(--panel);
          border-left: 3px solid var(--accent); border-radius: 0 6px 6px 0; line-height: 1.5;
        }
        pre.formula code { font-size: .95rem; }
        .table-wrap { overflow-x: auto; margin: 1.5rem 0; }
        table { border-collapse: collapse; font-size: .93rem; font-variant-numeric: tabular-nums; }
        caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 .5rem; }
        th, td { padding: .4rem .9rem; text-align: left; white-space: nowrap; }
        thead th { border-bottom: 2px solid var(--fg); font-weight: 600; }
        tbody tr:nth-child(even) { background: var(--panel); }
        tbody tr:last-child td { border-bottom: 1px solid var(--rule); }
        th.right, td.right { text-align: right; }
        th.center, td.center { text-align: center; }
        .swatch {
          display: inline-block; width: .8em; height: .8em; margin-right: .55em; border-radius: 2px;
          vertical-align: -.05em; box-shadow: inset 0 0 0 1px rgb(0 0 0 / .2);
        }
        figure.figure { margin: 2rem 0; }
        figure.figure img {
          display: block; max-width: 100%; height: auto; margin: 0 auto; background: #fff;
          border: 1px solid var(--rule); border-radius: 6px;
        }
        figcaption { margin-top: .6rem; font-size: .9rem; color: var(--muted); text-align: center; }
        figcaption .label, aside .label { font-weight: 600; color: var(--fg); }
        figure.missing p, a.pdf { font-family: var(--mono); font-size: .9rem; }
        aside {
          margin: 1.5rem 0; padding: .8rem 1.1rem; border-radius: 0 6px 6px 0; border-left: 3px solid;
        }
        aside > :last-child { margin-bottom: 0; }
        aside .label { margin: 0 0 .3rem; font-size: .8rem; letter-spacing: .06em; text-transform: uppercase; }
        aside ul { padding-left: 1.2rem; }
        aside.note { background: var(--note-bg); border-color: var(--note-edge); }
        aside.try { background: var(--try-bg); border-color: var(--try-edge); }
        details.answer { margin: .3rem 0 .6rem; }
        details.answer summary { cursor: pointer; color: var(--try-edge); font-size: .9rem; }
        details.answer p { margin: .3rem 0; }
        section.failure {
          margin-top: 3rem; padding: 1rem 1.25rem; background: var(--fail-bg);
          border-left: 3px solid var(--fail-edge); border-radius: 0 6px 6px 0;
        }
        section.failure h2 { border: 0; padding: 0; margin-bottom: .5rem; }
        section.failure .hint { color: var(--muted); font-size: .9rem; }
        footer {
          margin-top: 4rem; padding-top: 1rem; border-top: 1px solid var(--rule);
          font-size: .82rem; color: var(--muted);
        }

        """
}

/**
 * The report's per-sample viewer: plain DOM code, every text set through textContent (never innerHTML),
 * so nothing a model wrote can run in the page.
 */
export const SAMPLE_VIEWER_STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}.muted{color:#777}
.warn{background:#fff4e5;border:1px solid #f0b429;padding:.5rem .75rem;border-radius:6px}
pre{white-space:pre-wrap;word-break:break-word;background:#f6f6f7;padding:.6rem;border-radius:6px;margin:.3rem 0}
pre.table{font-size:12px;overflow:auto}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}figure{margin:0}figcaption{font-size:12px;color:#555}
svg text{font-size:10px;fill:#555}.grid{stroke:#e5e5e5}.line{fill:none;stroke:#2563eb;stroke-width:2}
svg circle{fill:#2563eb}.right{fill:#16a34a}.wrong{fill:#dc2626}
.controls{display:flex;gap:.5rem;margin:.5rem 0}.sample{border:1px solid #ddd;border-radius:6px;padding:.5rem .75rem;margin:.5rem 0}
.ok{color:#16a34a;font-weight:600}.bad{color:#dc2626;font-weight:600}.meta{font-size:12px;color:#555}`;

export const SAMPLE_VIEWER_SCRIPT = `
(() => {
  const data = JSON.parse(document.getElementById("samples").textContent);
  const root = document.getElementById("viewer");
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; };
  const controls = el("div", null, "controls");
  const bench = el("select"); data.forEach((b, i) => bench.append(new Option(b.label, String(i))));
  const filter = el("select"); ["all", "correct", "wrong", "truncated", "no answer"].forEach((f) => filter.append(new Option(f, f)));
  const search = el("input"); search.placeholder = "problem id";
  const list = el("div");
  controls.append(bench, filter, search); root.append(controls, list);
  const keep = (s) => { const f = filter.value;
    if (f === "correct") return s.correct === true; if (f === "wrong") return s.correct === false;
    if (f === "truncated") return s.finish === "length"; if (f === "no answer") return s.extracted == null; return true; };
  const render = () => {
    list.replaceChildren();
    const b = data[Number(bench.value)]; if (!b) return;
    const shown = b.samples.filter((s) => keep(s) && s.problem.includes(search.value)).slice(0, 200);
    list.append(el("p", shown.length + " shown (at most 200; narrow with the filters)", "meta"));
    for (const s of shown) {
      const box = el("div", null, "sample");
      const head = el("div");
      head.append(el("strong", s.problem + " #" + s.index + " "), el("span", s.correct == null ? "ungraded" : s.correct ? "correct" : "wrong", s.correct ? "ok" : "bad"));
      box.append(head, el("div", "extracted: " + (s.extracted ?? "none") + (s.detail ? " — " + s.detail : ""), "meta"),
        el("div", "finish: " + s.finish + ", tokens: " + (s.tokens ?? "?") + " (reasoning " + (s.reasoningTokens ?? "?") + ")", "meta"));
      const prompt = el("details"); prompt.append(el("summary", "prompt"), el("pre", s.prompt));
      const reasoning = el("details"); reasoning.append(el("summary", "reasoning"), el("pre", s.reasoning));
      box.append(prompt, reasoning, el("pre", s.content || "(no answer)"));
      list.append(box);
    }
  };
  bench.onchange = filter.onchange = search.oninput = render; render();
})();`;

/** The scripted models' replies the browser tests use (raw model output after `<｜Assistant｜>`). */

/** Reasoning with maths, then an answer with every kind of Markdown the app renders. */
export const RICH_REPLY = [
  "<think>\nThe question asks for the area of a circle of radius 2. The formula is \\(A = \\pi r^2\\), ",
  "so the area is \\(4\\pi\\).\n\nWait, let me double-check the units: the radius is 2, squared it is 4, ",
  "and multiplying by \\(\\pi \\approx 3.14159\\) gives about 12.566. That matches.\n\n",
  "The person may also like a few more radii to compare, so a small table helps, and a short Python ",
  "function shows how to compute it for any radius. I should keep the answer short and clear.</think>\n\n",
  "The area of a circle is \\(A = \\pi r^2\\). With \\(r = 2\\):\n\n",
  "\\[\nA = \\pi \\cdot 2^2 = 4\\pi \\approx 12.566\n\\]\n\n",
  "| radius | area |\n|---:|---:|\n| 1 | 3.142 |\n| 2 | 12.566 |\n| 3 | 28.274 |\n\n",
  "```python\nimport math\n\ndef area(r: float) -> float:\n    return math.pi * r ** 2\n```\n\n",
  "Doubling the radius multiplies the area by four, because the radius is squared. ",
  "For any other radius, call `area(r)` or multiply the square of the radius by π.\n\n",
  "So the answer is **4π ≈ 12.57**.",
].join("");

export const RICH_ANSWER_END = "So the answer is 4π ≈ 12.57.";

/** An answer that tries every way to run script or leak data through the page. */
export const HOSTILE_REPLY = [
  "<think>\nThe user wants HTML. <img src=x onerror=\"window.__pwned='think'\"></think>\n\n",
  "Raw HTML: <img src=x onerror=\"window.__pwned='img'\"> and <script>window.__pwned='script'</script>\n\n",
  '<svg onload="window.__pwned=\'svg\'"><circle r="5"/></svg>\n\n',
  "<iframe src=\"javascript:parent.__pwned='iframe'\"></iframe>\n\n",
  "A [link](javascript:window.__pwned='link') and a pixel ![pixel](http://tracker.invalid/p.png)\n\n",
  "$\\href{javascript:window.__pwned='katex'}{math link}$ done.",
].join("");

/** Long enough to still be streaming when a test stops it or reloads the page (about a thousand tokens). */
export const LONG_REPLY = (() => {
  const steps = Array.from(
    { length: 70 },
    (_, i) => `Step ${i + 1}: check case ${i + 1} against the rule and note it.`,
  );
  const lines = Array.from(
    { length: 45 },
    (_, i) => `Line ${i + 1} of the answer explains part ${i + 1} in order.`,
  );
  return `<think>\n${steps.join(" ")}</think>\n\n${lines.join("\n\n")}`;
})();

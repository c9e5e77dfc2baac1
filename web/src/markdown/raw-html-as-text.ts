/**
 * A rehype plugin: HTML written in an answer (`<img onerror=…>`, `<script>`) becomes visible text, as
 * the model wrote it, instead of elements — or, as rehype-sanitize alone would do, silently vanishing
 * while the text between the tags stays. Runs first, before sanitising.
 */

/** The little of a hast node this needs (hast's own types are not a dependency of the app). */
interface HastNode {
  type: string;
  value?: string;
  children?: HastNode[];
}

export function rehypeRawAsText() {
  return (tree: HastNode) => {
    convert(tree.children ?? []);
  };
}

function convert(children: HastNode[]): void {
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    if (node.type === "raw") children[i] = { type: "text", value: node.value ?? "" };
    else if (node.children != null) convert(node.children);
  }
}

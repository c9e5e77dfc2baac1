/**
 * What may survive from a model's Markdown. rehype-sanitize runs on the tree Markdown produced, before
 * KaTeX and highlight.js add their own (trusted) markup, so the schema is GitHub's default plus the
 * classes those two plugins look for. Raw HTML in an answer never becomes elements at all: react-markdown
 * shows it as text; this schema is the second wall.
 */
import { defaultSchema } from "rehype-sanitize";

type Schema = typeof defaultSchema;

export const sanitizeSchema: Schema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    code: [["className", /^language-./, "math-inline", "math-display"]],
  },
};

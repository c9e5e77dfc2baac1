/**
 * A fenced code block: its language, a copy button, and the highlighted code, which scrolls sideways
 * rather than wrapping.
 */
import type { ComponentProps } from "react";
import type { ExtraProps } from "react-markdown";
import { CopyButton } from "./copy-button";

type Element = NonNullable<ExtraProps["node"]>;
type ElementContent = Element["children"][number];
type PreProps = ComponentProps<"pre"> & ExtraProps;

export function CodeBlock({ node, children, ...rest }: PreProps) {
  const code = node?.children.find((c): c is Element => c.type === "element" && c.tagName === "code");
  const classes = code?.properties.className;
  const language = (Array.isArray(classes) ? classes : [])
    .map(String)
    .find((c) => c.startsWith("language-"))
    ?.slice("language-".length);
  return (
    <div className="code-block">
      <div className="code-header">
        <span className="code-language">{language ?? "text"}</span>
        <CopyButton text={() => textOf(code)} label="Copy code" />
      </div>
      <pre {...rest}>{children}</pre>
    </div>
  );
}

function textOf(node: ElementContent | undefined): string {
  if (node == null) return "";
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}

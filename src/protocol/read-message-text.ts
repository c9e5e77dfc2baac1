import { invalidRequest, quote } from "./invalid-request.js";

/**
 * A message's content as one string: a string as is, text parts joined with "" (the OpenAI convention:
 * parts are fragments of one text, not paragraphs), null as null. R1 reads text only, so any other part
 * (images, audio, files) is rejected here rather than silently dropped; file contents reach the model
 * through the README's file-upload template, which an edge applies before this point.
 */
export function readMessageText(content: unknown, index: number): string | null {
  const param = `messages[${index}].content`;
  if (content == null) return null;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) {
    throw invalidRequest(
      param,
      `${param} must be a string or an array of text parts; got ${quote(content)}.`,
    );
  }
  let text = "";
  for (const [partIndex, part] of content.entries()) {
    const partParam = `${param}[${partIndex}]`;
    const type: unknown =
      typeof part === "object" && part !== null ? (part as { type?: unknown }).type : undefined;
    if (type !== "text") {
      throw invalidRequest(
        `${partParam}.type`,
        `${partParam}.type must be "text": only text parts are accepted here; got ${quote(type ?? part)}.`,
      );
    }
    const partText: unknown = (part as { text?: unknown }).text;
    if (typeof partText !== "string") {
      throw invalidRequest(
        `${partParam}.text`,
        `${partParam}.text must be a string; got ${quote(partText)}.`,
      );
    }
    text += partText;
  }
  return text;
}

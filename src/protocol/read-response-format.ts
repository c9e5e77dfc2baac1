import { invalidRequest, quote } from "./invalid-request.js";
import type { ResponseFormat } from "./types.js";

/**
 * `response_format` in the OpenAI shape, flattened. Only the answer is constrained, never the reasoning
 * (what vLLM and SGLang do; constraining from the first token kills R1's thinking); engines enforce that.
 */
export function readResponseFormat(value: unknown): ResponseFormat {
  if (value == null) return { type: "text" };
  const type: unknown = isObject(value) ? value.type : undefined;
  if (type === "text" || type === "json_object") return { type };
  if (type !== "json_schema" || !isObject(value)) {
    throw invalidRequest(
      "response_format.type",
      `response_format.type must be "text", "json_object" or "json_schema"; got ${quote(type ?? value)}.`,
    );
  }
  const jsonSchema = value.json_schema;
  if (!isObject(jsonSchema) || !isObject(jsonSchema.schema)) {
    throw invalidRequest(
      "response_format.json_schema.schema",
      "response_format.json_schema.schema must be a JSON Schema object when type is json_schema.",
    );
  }
  const { name, schema } = jsonSchema;
  if (name != null && typeof name !== "string") {
    throw invalidRequest(
      "response_format.json_schema.name",
      "response_format.json_schema.name must be a string.",
    );
  }
  return name != null ? { type, name, schema } : { type, schema };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

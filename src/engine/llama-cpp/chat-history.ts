import type { ChatHistoryItem, ChatModelResponse, ChatModelSegment } from "node-llama-cpp";
import type { NormalizedRequest } from "../../protocol/types.js";

/**
 * The R1 protocol's request as node-llama-cpp chat history. The last item is always a model turn that
 * is being continued, which is how the response is forced to start the way the README recommends:
 * thinking on → an open thought segment holding "\n" (the prompt ends in `<think>\n`); thinking off →
 * an empty, closed thought segment (`<think>\n\n</think>`), so the model answers at once.
 */
export function toChatHistory(
  request: NormalizedRequest,
  continuation: ContinuationState = { phase: "start" },
): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  for (const message of request.messages) {
    if (message.role === "system") history.push({ type: "system", text: message.content });
    else if (message.role === "user") history.push({ type: "user", text: message.content });
    else history.push({ type: "model", response: [message.content] });
  }
  history.push({ type: "model", response: modelPrefill(request, continuation) });
  return history;
}

/**
 * Where a generation resumes. `start`: nothing generated yet. `answer`: the think block is closed
 * with `reasoning` inside, and the answer begins (used for JSON output and prefix completion, which
 * must not constrain or pre-empt the thinking).
 */
export type ContinuationState = { phase: "start" } | { phase: "answer"; reasoning: string };

function modelPrefill(
  request: NormalizedRequest,
  continuation: ContinuationState,
): ChatModelResponse["response"] {
  const prefix = request.assistantPrefix ?? "";
  if (continuation.phase === "answer") {
    return [thought(continuation.reasoning, true), ...(prefix !== "" ? [prefix] : [])];
  }
  if (request.thinking.type === "off") return [thought("\n\n", true), ...(prefix !== "" ? [prefix] : [])];
  return [thought("\n", false)];
}

function thought(text: string, ended: boolean): ChatModelSegment {
  return { type: "segment", segmentType: "thought", text, ended };
}

/** The answer must be generated in a second pass when something applies to it alone. */
export function needsAnswerPhase(request: NormalizedRequest): boolean {
  if (request.thinking.type === "off") return false;
  return request.responseFormat.type !== "text" || (request.assistantPrefix ?? "") !== "";
}

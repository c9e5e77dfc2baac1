/** The R1 protocol: everything DeepSeek-R1-specific, pure (no I/O). Edges and engines import from here. */
export { answerOf } from "./answer-of.js";
export { createAnswerTrimmer, PartTrimmer } from "./answer-trimmer.js";
export { appendMathDirective } from "./append-math-directive.js";
export type {
  ChatRequestInput,
  InputContentPart,
  InputMessage,
  InputResponseFormat,
} from "./chat-request-input.js";
export { type CitationSegment, citedIndices, parseCitations } from "./citations.js";
export {
  DEFAULT_USAGE_POLICY,
  MATH_DIRECTIVE,
  MAX_STOP_SEQUENCES,
  REASONING_EFFORT_THINKING,
  RECOMMENDED_SAMPLING,
  THINK_CLOSE,
  THINK_OPEN,
} from "./constants.js";
export { FILE_TEMPLATE, type PromptFile, renderFileBlock, renderFilePrompt } from "./file-template.js";
export { normalizeChatRequest } from "./normalize-request.js";
export {
  createReasoningSplitter,
  ReasoningSplitter,
  type ReasoningSplitterOptions,
  splitReasoning,
} from "./reasoning-splitter.js";
export {
  detectQuestionLanguage,
  formatCurDate,
  type RenderSearchPromptInput,
  renderSearchPrompt,
  renderSearchResult,
  renderSearchResults,
  SEARCH_TEMPLATE_EN,
  SEARCH_TEMPLATE_ZH,
  type SearchLanguage,
  type SearchPromptSource,
} from "./search-template.js";
export { StopMatcher, type StopMatchResult } from "./stop-matcher.js";
export { resolveThinking, type ThinkingInput } from "./thinking-control.js";
export type {
  ChatMessage,
  NormalizedRequest,
  ProtocolWarning,
  ReasoningEffort,
  ReasoningPart,
  ResponseFormat,
  Role,
  SamplingParams,
  ThinkingControl,
  UsagePolicy,
  WarningCode,
} from "./types.js";

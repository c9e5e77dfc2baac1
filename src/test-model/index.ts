/** Test models: tiny scripted/random GGUFs for model tests and shape-alike GGUFs for benchmarks. */
export { runTestModelCli, TEST_MODEL_USAGE } from "./cli.js";
export { cutReplyPieces, type Piece } from "./cut-reply-pieces.js";
export { GGML_TYPES, type GgmlTensorType } from "./ggml-blocks.js";
export { GgufValueType, GgufWriter } from "./gguf-writer.js";
export { type ChatTemplateName, r1ChatTemplate } from "./r1-chat-template.js";
export { buildR1Vocab, bytesToTokenText, R1_SPECIAL, type R1Vocab, TokenType } from "./r1-vocab.js";
export { planReplyScript, type ReplyScript } from "./reply-script.js";
export {
  buildShapeAlikeModel,
  MODEL_SHAPES,
  quantTypeFor,
  type ShapeAlikeInfo,
  type ShapeAlikeOptions,
  type ShapeName,
  type ShapeQuant,
} from "./shape-alike.js";
export {
  buildRandomModel,
  buildScriptedModel,
  buildTinyModel,
  type TemplateChoice,
  type TinyArch,
  type TinyModelInfo,
  type TinyModelOptions,
} from "./tiny-model.js";
export { type WriteTestModelOptions, type WrittenTestModel, writeTestModel } from "./write-test-model.js";

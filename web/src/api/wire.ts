/** The chat API's types, shared with the server (one contract, checked on both sides). */
export type {
  ChatMessage,
  ChatModel,
  ChatSettings,
  Conversation,
  ConversationDetail,
  ModelStatus,
  SendResult,
  StreamEvent,
  ThemeMode,
  ThinkingPanelMode,
} from "../../../src/server/chat-app/chat-wire.js";

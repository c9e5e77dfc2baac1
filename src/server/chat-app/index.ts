/** The chat web app's server side: its `/api` and the built page, mounted onto the API server's Hono app. */
export type { ChatMessage, ChatSettings, Conversation, ModelStatus, StreamEvent } from "./chat-wire.js";
export { type ChatApp, type ChatAppDeps, mountChatApp } from "./mount-chat-app.js";
export { findWebRoot } from "./static-app.js";

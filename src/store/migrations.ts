/**
 * Every migration of deepthink's one database, in order. A feature adds its schema by appending
 * migrations with the next numbers (never editing or renumbering a released one): the eval tables
 * first; the chat app's come after them.
 */
import { CHAT_MIGRATIONS } from "./chat-migrations.js";
import { EVAL_MIGRATIONS } from "./eval-migrations.js";
import type { Migration } from "./migrate.js";

export const MIGRATIONS: readonly Migration[] = [...EVAL_MIGRATIONS, ...CHAT_MIGRATIONS];

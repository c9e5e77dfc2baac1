/**
 * The open conversation: loads it, follows its running answers, and asks, regenerates, edits, stops and
 * switches versions through the API. Every change the server makes comes back as a message to upsert,
 * so the screen never guesses.
 */
import { useCallback, useEffect, useMemo, useReducer, useState } from "react";
import { ApiError, api } from "../api/client";

type AskFile = { name: string; data: string; mimeType?: string };

import type { ChatMessage, SendResult } from "../api/wire";
import { conversationReducer, EMPTY_STATE, type ViewMessage } from "../state/conversation-reducer";
import { branchTo, newestLeafUnder } from "../state/conversation-tree";
import { useAnswerStreams } from "./use-answer-streams";

export interface ConversationHandlers {
  /** The conversation's title or order changed (the sidebar reloads). */
  onChanged: () => void;
  /** An answer finished (for the screen reader's announcement). */
  onAnswerEnd: (message: ChatMessage) => void;
}

export function useConversation(id: string, handlers: ConversationHandlers) {
  const [state, dispatch] = useReducer(conversationReducer, EMPTY_STATE);
  const [error, setError] = useState<string | null>(null);
  /** What the server said about the last question (a file cut to fit the context). */
  const [warnings, setWarnings] = useState<string[]>([]);
  const [notFound, setNotFound] = useState(false);
  const { onChanged, onAnswerEnd } = handlers;
  const follow = useAnswerStreams(dispatch, (message) => {
    onChanged();
    onAnswerEnd(message);
  });

  useEffect(() => {
    let live = true;
    api.conversation(id).then(
      (detail) => {
        if (!live) return;
        dispatch({ type: "loaded", detail });
        for (const m of detail.messages) if (m.status === "streaming") follow(m.id);
      },
      (e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 404) setNotFound(true);
        else setError(messageOf(e));
      },
    );
    return () => {
      live = false;
    };
  }, [id, follow]);

  const branch: ViewMessage[] = useMemo(
    () => branchTo(state.messages, state.conversation?.currentLeafId ?? null),
    [state.messages, state.conversation?.currentLeafId],
  );
  const streaming = branch.find((m) => m.status === "streaming");

  const started = useCallback(
    (result: SendResult) => {
      dispatch({
        type: "upsert",
        messages: [...(result.user != null ? [result.user] : []), result.assistant],
      });
      dispatch({ type: "conversation", conversation: result.conversation });
      follow(result.assistant.id);
      setWarnings(result.warnings ?? []);
      onChanged();
    },
    [follow, onChanged],
  );

  const run = useCallback(async (action: () => Promise<void>): Promise<boolean> => {
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    }
  }, []);

  const ask = (content: string, parentId: string | null, deepThink: boolean, files: AskFile[] = []) =>
    run(async () =>
      started(
        await api.ask(id, {
          content,
          parentId,
          deepThink,
          ...(files.length > 0
            ? {
                files: files.map(({ name, data, mimeType }) => ({
                  name,
                  data,
                  ...(mimeType != null ? { mimeType } : {}),
                })),
              }
            : {}),
        }),
      ),
    );

  return {
    conversation: state.conversation,
    messages: state.messages,
    branch,
    streaming,
    error,
    notFound,
    dismissError: () => setError(null),
    warnings,
    dismissWarnings: () => setWarnings([]),
    /** A new question after the branch's last answer. */
    ask: (content: string, deepThink: boolean, files: AskFile[] = []) =>
      ask(content, branch.at(-1)?.id ?? null, deepThink, files),
    /** An edited question: a sibling of the original, answered afresh. */
    edit: (question: ChatMessage, content: string, deepThink: boolean) =>
      ask(content, question.parentId, deepThink),
    regenerate: (answer: ChatMessage, deepThink: boolean) =>
      run(async () => started(await api.regenerate(answer.id, deepThink))),
    stop: () =>
      run(async () => {
        if (streaming != null) dispatch({ type: "end", message: await api.stop(streaming.id) });
      }),
    showVersion: (message: ChatMessage) =>
      run(async () => {
        const leaf = newestLeafUnder(state.messages, message);
        dispatch({
          type: "conversation",
          conversation: await api.updateConversation(id, { currentLeafId: leaf }),
        });
      }),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

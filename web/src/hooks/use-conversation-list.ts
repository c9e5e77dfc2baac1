/** The sidebar's conversations, newest first, filtered by title on the server; `reload` after changes. */
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../api/client";
import type { Conversation } from "../api/wire";

export function useConversationList() {
  const [query, setQuery] = useState("");
  const [conversations, setConversations] = useState<Conversation[]>([]);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const { conversations: list } = await api.conversations(query.trim());
      // Only the answer to the newest request counts: typing fast sends several.
      if (ticket === latest.current) setConversations(list);
    } catch {
      // The banner reports an unreachable server; the list keeps what it had.
    }
  }, [query]);

  useEffect(() => {
    const timer = window.setTimeout(() => void reload(), query === "" ? 0 : 150);
    return () => window.clearTimeout(timer);
  }, [reload, query]);

  return { conversations, query, setQuery, reload };
}

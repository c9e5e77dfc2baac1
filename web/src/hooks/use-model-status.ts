/**
 * The model's status from `/api/status`: polled every second while it loads (so the progress moves) and
 * every ten seconds once it is ready or has failed (a host whose upstream comes and goes can change).
 */
import { useEffect, useState } from "react";
import { ApiError, api } from "../api/client";
import type { ModelStatus } from "../api/wire";

export type StatusView = ModelStatus | { state: "unreachable"; message: string } | { state: "unauthorized" };

export function useModelStatus(): StatusView | null {
  const [status, setStatus] = useState<StatusView | null>(null);
  useEffect(() => {
    let timer: number | undefined;
    let live = true;
    const poll = async () => {
      let next: StatusView;
      try {
        next = await api.status();
      } catch (error) {
        next =
          error instanceof ApiError && error.status === 401
            ? { state: "unauthorized" }
            : { state: "unreachable", message: error instanceof Error ? error.message : String(error) };
      }
      if (!live) return;
      setStatus(next);
      timer = window.setTimeout(poll, next.state === "ready" || next.state === "error" ? 10_000 : 1000);
    };
    void poll();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, []);
  return status;
}

/**
 * Every model the server serves (`/api/models`), for the header's picker. Read again whenever the model
 * status changes (a model that finished loading, an upstream that came back).
 */
import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { ChatModel } from "../api/wire";

export function useModels(statusKey: string): ChatModel[] {
  const [models, setModels] = useState<ChatModel[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: statusKey is the trigger to read them again
  useEffect(() => {
    let live = true;
    api.models().then(
      (answer) => {
        if (live) setModels(answer.models);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [statusKey]);
  return models;
}

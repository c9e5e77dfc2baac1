/** `GET /v1/models` and `GET /v1/models/{id}`: the loaded model under each name it answers to. */
import type { Context } from "hono";
import { DeepthinkError } from "../../errors.js";
import type { AppEnv } from "../app-env.js";
import { type ModelHost, unavailableError } from "../model-host.js";
import { servedNames } from "../model-set.js";

interface ModelObject {
  id: string;
  object: "model";
  created: number;
  owned_by: string;
}

export function modelsHandlers(host: ModelHost, createdAt: number) {
  /** Every name of every ready model; while none is ready, why not (the default model's status). */
  const ready = (): string[] => {
    const names = servedNames(host).flat();
    if (names.length > 0) return names;
    const status = host.status();
    if (status.state !== "ready") throw unavailableError(status);
    throw new DeepthinkError("model_unavailable", "No model is loaded.");
  };
  const toObject = (id: string): ModelObject => ({
    id,
    object: "model",
    created: createdAt,
    owned_by: "deepthink",
  });
  return {
    list(c: Context<AppEnv>) {
      return c.json({ object: "list", data: ready().map(toObject) });
    },
    retrieve(c: Context<AppEnv>) {
      const id = c.req.param("id") ?? "";
      if (!ready().includes(id)) {
        throw new DeepthinkError("model_not_found", `The model '${id}' does not exist on this server.`, {
          param: "model",
        });
      }
      return c.json(toObject(id));
    },
  };
}

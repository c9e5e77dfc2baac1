/** `GET /v1/models` and `GET /v1/models/{id}`: the loaded model under each name it answers to. */
import type { Context } from "hono";
import { DeepthinkError } from "../../errors.js";
import type { AppEnv } from "../app-env.js";
import { type ModelHost, type ModelNames, unavailableError } from "../model-host.js";

interface ModelObject {
  id: string;
  object: "model";
  created: number;
  owned_by: string;
}

export function modelsHandlers(host: ModelHost, createdAt: number) {
  const ready = (): ModelNames => {
    const status = host.status();
    const names = host.names();
    if (status.state !== "ready") throw unavailableError(status);
    if (names == null) throw new DeepthinkError("model_unavailable", "No model is loaded.");
    return names;
  };
  const toObject = (id: string): ModelObject => ({
    id,
    object: "model",
    created: createdAt,
    owned_by: "deepthink",
  });
  return {
    list(c: Context<AppEnv>) {
      const names = ready();
      return c.json({ object: "list", data: [names.id, ...names.aliases].map(toObject) });
    },
    retrieve(c: Context<AppEnv>) {
      const names = ready();
      const id = c.req.param("id") ?? "";
      if (id !== names.id && !names.aliases.includes(id)) {
        throw new DeepthinkError("model_not_found", `The model '${id}' does not exist on this server.`, {
          param: "model",
        });
      }
      return c.json(toObject(id));
    },
  };
}

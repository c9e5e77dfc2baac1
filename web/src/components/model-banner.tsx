/**
 * What stands between the reader and an answer: the model still loading or downloading (with progress),
 * no model at all (the reason and the fix, as commands to copy), an unreachable server, or a server
 * that wants an API key. Nothing shows once a model is ready.
 */
import { useState } from "react";
import { saveApiKey } from "../api/client";
import type { StatusView } from "../hooks/use-model-status";

export function ModelBanner({ status }: { status: StatusView | null }) {
  if (status == null || status.state === "ready") return null;
  if (status.state === "loading") {
    const pct = status.progress != null ? Math.round(status.progress * 100) : null;
    return (
      <div className="banner info" role="status">
        <strong>Loading the model…</strong> <span>{status.message}</span>
        {pct != null && <span className="banner-pct"> {pct}%</span>}
        <progress max={100} value={pct ?? undefined} aria-label="Model loading progress" />
      </div>
    );
  }
  if (status.state === "unauthorized") return <ApiKeyBanner />;
  if (status.state === "unreachable") {
    return (
      <div className="banner error" role="alert">
        <strong>The deepthink server cannot be reached.</strong> {status.message} Is{" "}
        <code>deepthink serve</code> still running?
      </div>
    );
  }
  return (
    <div className="banner error" role="alert">
      <strong>No model is loaded.</strong> {status.message}
      {status.hint != null && <p>{status.hint}</p>}
      <p>To fix it, restart the server with a model file, or download one where the network is reachable:</p>
      <pre>
        <code>deepthink serve --model /path/to/model.gguf{"\n"}deepthink pull r1-distill-qwen-1.5b</code>
      </pre>
    </div>
  );
}

function ApiKeyBanner() {
  const [key, setKey] = useState("");
  return (
    <form
      className="banner error"
      onSubmit={(e) => {
        e.preventDefault();
        saveApiKey(key);
        window.location.reload();
      }}
    >
      <strong>This server needs an API key.</strong>
      <label>
        API key{" "}
        <input type="password" value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" />
      </label>
      <button type="submit" className="button primary">
        Save
      </button>
    </form>
  );
}

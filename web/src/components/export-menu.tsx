/** Export the open conversation as Markdown or JSON (reasoning included), from a small disclosure menu. */
import { useEffect, useRef, useState } from "react";
import { downloadExport } from "../api/client";
import { DownloadIcon } from "./icons";

export function ExportMenu({
  conversationId,
  onError,
}: {
  conversationId: string;
  onError: (m: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !root.current?.contains(e.target as Node))
        setOpen(false);
    };
    document.addEventListener("pointerdown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("pointerdown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);
  const download = (format: "markdown" | "json") => {
    setOpen(false);
    downloadExport(conversationId, format).catch((e: unknown) =>
      onError(e instanceof Error ? e.message : String(e)),
    );
  };
  return (
    <div className="export-menu" ref={root}>
      <button
        type="button"
        className="icon-button"
        aria-label="Export conversation"
        title="Export"
        aria-expanded={open}
        aria-controls="export-options"
        onClick={() => setOpen(!open)}
      >
        <DownloadIcon />
      </button>
      <div id="export-options" className="export-options" hidden={!open}>
        <button type="button" className="button" onClick={() => download("markdown")}>
          Export as Markdown
        </button>
        <button type="button" className="button" onClick={() => download("json")}>
          Export as JSON
        </button>
      </div>
    </div>
  );
}

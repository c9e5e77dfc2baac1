/** The header: the drawer button (phones), the conversation's title, the model, export and settings. */
import type { RefObject } from "react";
import type { ChatModel } from "../api/wire";
import { ExportMenu } from "./export-menu";
import { MenuIcon, SettingsIcon } from "./icons";

export interface TopBarProps {
  title: string;
  modelId: string | null;
  /** Every served model; with more than one, the header has a picker instead of the model's name. */
  models: ChatModel[];
  /** The picked model (the `model` setting); null or one no longer served: the default. */
  chosenModel: string | null;
  onChooseModel: (id: string) => void;
  conversationId: string | null;
  drawerOpen: boolean;
  menuButton: RefObject<HTMLButtonElement | null>;
  onMenu: () => void;
  onSettings: () => void;
  onError: (message: string) => void;
}

export function TopBar(props: TopBarProps) {
  return (
    <header className="topbar">
      <button
        ref={props.menuButton}
        type="button"
        className="icon-button menu-button"
        aria-label="Show conversations"
        aria-expanded={props.drawerOpen}
        aria-controls="sidebar"
        onClick={props.onMenu}
      >
        <MenuIcon />
      </button>
      <h1 className="title">{props.title}</h1>
      {props.models.length > 1 ? (
        <ModelPicker models={props.models} chosen={props.chosenModel} onChoose={props.onChooseModel} />
      ) : (
        props.modelId != null && (
          <span className="model-chip" title="The model answering">
            {props.modelId}
          </span>
        )
      )}
      {props.conversationId != null && (
        <ExportMenu conversationId={props.conversationId} onError={props.onError} />
      )}
      <button
        type="button"
        className="icon-button"
        aria-label="Settings"
        title="Settings"
        onClick={props.onSettings}
      >
        <SettingsIcon />
      </button>
    </header>
  );
}

function ModelPicker(props: { models: ChatModel[]; chosen: string | null; onChoose: (id: string) => void }) {
  const fallback = props.models.find((m) => m.isDefault)?.id ?? props.models[0]?.id ?? "";
  const value = props.models.some((m) => m.id === props.chosen) ? (props.chosen ?? fallback) : fallback;
  return (
    <select
      className="model-chip model-picker"
      aria-label="Model"
      title="The model answering new questions"
      value={value}
      onChange={(e) => props.onChoose(e.target.value)}
    >
      {props.models.map((m) => (
        <option key={m.id} value={m.id} disabled={m.state !== "ready"}>
          {m.id}
          {m.state === "loading" ? " (loading)" : m.state === "error" ? " (unavailable)" : ""}
        </option>
      ))}
    </select>
  );
}

/** The header: the drawer button (phones), the conversation's title, the model, export and settings. */
import type { RefObject } from "react";
import { ExportMenu } from "./export-menu";
import { MenuIcon, SettingsIcon } from "./icons";

export interface TopBarProps {
  title: string;
  modelId: string | null;
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
      {props.modelId != null && (
        <span className="model-chip" title="The model answering">
          {props.modelId}
        </span>
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

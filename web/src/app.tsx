/**
 * The chat app's frame: sidebar (a drawer on phones), header with the model and the conversation's
 * actions, the model banner, and either a new chat or a conversation. Also the one polite status region
 * that tells screen readers when an answer has finished.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "./api/client";
import { ChatView, type FirstQuestion } from "./components/chat-view";
import type { AttachedFile } from "./components/composer";
import { ModelBanner } from "./components/model-banner";
import { NewChat } from "./components/new-chat";
import { SettingsDialog } from "./components/settings-dialog";
import { Sidebar } from "./components/sidebar";
import { TopBar } from "./components/top-bar";
import { useConversationList } from "./hooks/use-conversation-list";
import { useModelStatus } from "./hooks/use-model-status";
import { useModels } from "./hooks/use-models";
import { useRoute } from "./hooks/use-route";
import { useSettings } from "./hooks/use-settings";

export function App() {
  const { route, navigate } = useRoute();
  const { settings, update, error: settingsError } = useSettings();
  const status = useModelStatus();
  const list = useConversationList();
  const models = useModels(
    status == null ? "" : `${status.state}:${"modelId" in status ? status.modelId : ""}`,
  );
  const [drawer, setDrawer] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [firstQuestion, setFirstQuestion] = useState<FirstQuestion | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const newChatButton = useRef<HTMLButtonElement>(null);

  const currentId = route.page === "conversation" ? route.id : null;
  // The open conversation's own title (it may be filtered out of the sidebar by a search).
  const [openTitle, setOpenTitle] = useState<string | null>(null);
  const listed = list.conversations.find((c) => c.id === currentId)?.title;
  const title = currentId == null ? "New chat" : (listed ?? openTitle ?? "");
  const blockedReason =
    status?.state === "ready" ? null : status == null ? "Connecting…" : "No model is ready yet.";
  const modelId = status?.state === "ready" ? (status.modelId ?? null) : null;

  useEffect(() => {
    document.title = title !== "" ? `${title} · deepthink` : "deepthink";
  }, [title]);

  const closeDrawer = useCallback((focusMenu: boolean) => {
    setDrawer(false);
    if (focusMenu) menuButton.current?.focus();
  }, []);
  useEffect(() => {
    if (!drawer) return;
    newChatButton.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && closeDrawer(true);
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [drawer, closeDrawer]);

  const open = (id: string) => {
    navigate({ page: "conversation", id });
    closeDrawer(false);
  };
  const startNew = () => {
    navigate({ page: "new" });
    closeDrawer(false);
    window.requestAnimationFrame(() => document.getElementById("composer-input")?.focus());
  };
  const askFirst = async (text: string, files: AttachedFile[]) => {
    try {
      const conversation = await api.createConversation();
      setFirstQuestion({ text, files });
      navigate({ page: "conversation", id: conversation.id });
      return true;
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
      return false;
    }
  };
  const rename = (id: string, newTitle: string) =>
    api.updateConversation(id, { title: newTitle }).then(list.reload, (e: unknown) => setProblem(String(e)));
  const remove = (id: string) =>
    api.deleteConversation(id).then(
      () => {
        void list.reload();
        if (id === currentId) navigate({ page: "new" }, true);
        newChatButton.current?.focus();
      },
      (e: unknown) => setProblem(String(e)),
    );
  const onDeepThink = useCallback((on: boolean) => update({ deepThink: on }), [update]);
  const onWebSearch = useCallback((on: boolean) => update({ webSearch: on }), [update]);
  const onChooseModel = useCallback((id: string) => update({ model: id }), [update]);
  const takeFirstQuestion = useCallback(() => setFirstQuestion(null), []);
  const onMissing = useCallback(() => navigate({ page: "new" }, true), [navigate]);
  // Cleared first, so the same sentence twice in a row is announced twice.
  const announce = useCallback((text: string) => {
    setAnnouncement("");
    window.setTimeout(() => setAnnouncement(text), 50);
  }, []);

  return (
    <div className="app" data-drawer={drawer}>
      <a className="skip-link" href="#composer-input">
        Skip to the message input
      </a>
      <Sidebar
        id="sidebar"
        open={drawer}
        conversations={list.conversations}
        currentId={currentId}
        query={list.query}
        onQuery={list.setQuery}
        onNew={startNew}
        onOpen={open}
        onRename={rename}
        onDelete={remove}
        newChatRef={newChatButton}
      />
      {drawer && (
        <button
          type="button"
          className="backdrop"
          aria-label="Close conversations"
          onClick={() => closeDrawer(true)}
        />
      )}
      <main className="main">
        <TopBar
          title={title || "Untitled"}
          modelId={modelId}
          models={models}
          chosenModel={settings.model}
          onChooseModel={onChooseModel}
          conversationId={currentId}
          drawerOpen={drawer}
          menuButton={menuButton}
          onMenu={() => setDrawer(!drawer)}
          onSettings={() => dialog.current?.showModal()}
          onError={setProblem}
        />
        <ModelBanner status={status} />
        {problem != null && (
          <div className="banner error" role="alert">
            {problem}{" "}
            <button type="button" className="button" onClick={() => setProblem(null)}>
              Dismiss
            </button>
          </div>
        )}
        {route.page === "conversation" ? (
          <ChatView
            key={route.id}
            id={route.id}
            settings={settings}
            blockedReason={blockedReason}
            firstQuestion={firstQuestion}
            onFirstQuestionTaken={takeFirstQuestion}
            onDeepThink={onDeepThink}
            onWebSearch={onWebSearch}
            onChanged={list.reload}
            onMissing={onMissing}
            onTitle={setOpenTitle}
            announce={announce}
          />
        ) : (
          <NewChat
            settings={settings}
            modelId={modelId}
            blockedReason={blockedReason}
            onDeepThink={onDeepThink}
            onWebSearch={onWebSearch}
            onAsk={askFirst}
          />
        )}
      </main>
      <SettingsDialog ref={dialog} settings={settings} error={settingsError} onChange={update} />
      <div className="sr-only" role="status" aria-live="polite">
        {announcement}
      </div>
    </div>
  );
}

/**
 * Small waits and probes for the chat page. Every wait is on a DOM state (never a fixed sleep), bounded
 * only so that a hang fails the test instead of stalling the suite.
 */
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "playwright-core";

export const WAIT_MS = 30_000;

/** Sends `text` from the composer with Enter. */
export async function ask(page: Page, text: string): Promise<void> {
  const input = page.getByRole("textbox", { name: "Message" });
  await input.fill(text);
  await page.getByRole("button", { name: "Send" }).waitFor();
  await input.press("Enter");
}

/** The last answer on screen (an `article` labelled Answer). */
export const lastAnswer = (page: Page) => page.getByRole("article", { name: "Answer" }).last();

/** Waits until the last answer has finished (done, stopped or failed). */
export async function answerSettled(page: Page): Promise<string> {
  const handle = await page.waitForFunction(
    () => {
      const all = document.querySelectorAll("article.assistant");
      const last = all[all.length - 1];
      const status = last?.getAttribute("data-status");
      return status != null && status !== "streaming" ? status : false;
    },
    undefined,
    { timeout: WAIT_MS },
  );
  return (await handle.jsonValue()) as string;
}

/**
 * Records every state the last answer goes through (thinking label, panel open or not, answer length),
 * one entry per DOM change, so a test can check the order of states without racing the stream.
 */
export async function recordAnswerStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const states: Array<{ label: string; expanded: string | null; reasoning: number; answer: number }> = [];
    (window as unknown as { __states: typeof states }).__states = states;
    const observer = new MutationObserver(() => {
      const all = document.querySelectorAll("article.assistant");
      const last = all[all.length - 1];
      if (last == null) return;
      const toggle = last.querySelector(".thinking-toggle");
      const state = {
        label: toggle?.textContent ?? "",
        expanded: toggle?.getAttribute("aria-expanded") ?? null,
        reasoning: last.querySelector(".thinking-body")?.textContent?.length ?? 0,
        answer: last.querySelector(".answer")?.textContent?.length ?? 0,
      };
      const prev = states[states.length - 1];
      if (prev == null || JSON.stringify(prev) !== JSON.stringify(state)) states.push(state);
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });
}

export async function answerStates(page: Page) {
  return page.evaluate(
    () =>
      (
        window as unknown as {
          __states: Array<{ label: string; expanded: string | null; reasoning: number; answer: number }>;
        }
      ).__states,
  );
}

/**
 * Where screenshots go: `docs/screenshots/` when UPDATE_SCREENSHOTS=1 (to refresh the committed ones),
 * else a temp folder (every run still takes them, so the pages they show keep working).
 */
export function screenshotDir(): string {
  const dir =
    process.env["UPDATE_SCREENSHOTS"] === "1"
      ? fileURLToPath(new URL("../../docs/screenshots/", import.meta.url))
      : join(tmpdir(), "deepthink-screenshots");
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A locator's text (textContent: no layout, so block boundaries add no newlines). */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? "";
}

/** Scrolls the message list to its top or bottom (for screenshots that show the question). */
export async function scrollMessages(page: Page, to: "top" | "bottom"): Promise<void> {
  await page.evaluate((where) => {
    const el = document.querySelector(".message-scroller");
    if (el != null) el.scrollTop = where === "top" ? 0 : el.scrollHeight;
  }, to);
}

/**
 * Follows the newest text only while the reader is at the bottom (within 40 px). Only the reader moving
 * up stops following — a scroll event that lands short of the bottom because the answer grew again
 * before it fired is not the reader — and nothing pulls them back; reaching the bottom again, "jump to
 * latest" or sending resumes it. Growth is seen through a ResizeObserver, so maths, code and panels that
 * change height late are followed too.
 */
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";

const NEAR_BOTTOM_PX = 40;

export function useFollowScroll(
  scroller: RefObject<HTMLElement | null>,
  content: RefObject<HTMLElement | null>,
) {
  const following = useRef(true);
  const lastTop = useRef(0);
  const [atBottom, setAtBottom] = useState(true);

  useEffect(() => {
    const el = scroller.current;
    const inner = content.current;
    if (el == null || inner == null) return;
    const onScroll = () => {
      const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
      if (distance <= NEAR_BOTTOM_PX) following.current = true;
      else if (el.scrollTop < lastTop.current) following.current = false;
      lastTop.current = el.scrollTop;
      setAtBottom(following.current);
    };
    const observer = new ResizeObserver(() => {
      if (!following.current) return;
      el.scrollTop = el.scrollHeight;
      lastTop.current = el.scrollTop;
    });
    el.addEventListener("scroll", onScroll, { passive: true });
    observer.observe(inner);
    return () => {
      el.removeEventListener("scroll", onScroll);
      observer.disconnect();
    };
  }, [scroller, content]);

  const jumpToLatest = useCallback(
    (smooth = true) => {
      const el = scroller.current;
      following.current = true;
      setAtBottom(true);
      const calm = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      el?.scrollTo({ top: el.scrollHeight, behavior: smooth && !calm ? "smooth" : "instant" });
    },
    [scroller],
  );

  return { atBottom, jumpToLatest };
}

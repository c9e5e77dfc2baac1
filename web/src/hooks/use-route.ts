/** The app's two pages: `/` (a new chat) and `/c/<id>` (a conversation), on the History API. */
import { useCallback, useEffect, useState } from "react";

export type Route = { page: "new" } | { page: "conversation"; id: string };

function parse(path: string): Route {
  const match = /^\/c\/([^/]+)\/?$/.exec(path);
  return match?.[1] != null ? { page: "conversation", id: decodeURIComponent(match[1]) } : { page: "new" };
}

export function useRoute() {
  const [route, setRoute] = useState<Route>(() => parse(window.location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(parse(window.location.pathname));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const navigate = useCallback((next: Route, replace = false) => {
    const path = next.page === "new" ? "/" : `/c/${encodeURIComponent(next.id)}`;
    if (window.location.pathname !== path) {
      if (replace) window.history.replaceState(null, "", path);
      else window.history.pushState(null, "", path);
    }
    setRoute(next);
  }, []);
  return { route, navigate };
}

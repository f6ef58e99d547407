import { useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/** Location state asking for the focus on an element once a client-side navigation is done. */
export type FocusState = { focus?: string };

/** The state for a `<Link state>` whose page should put the focus on the element with this id (it needs tabIndex -1). */
export function focusOn(id: string): FocusState {
  return { focus: id };
}

/** The attribute that marks where the focus goes when an in-page change took away the focused element. */
export const FOCUS_FALLBACK = { "data-focus-fallback": "" } as const;

/**
 * Keeps the focus somewhere useful after client-side navigations (WCAG 2.4.3): on the element the
 * link asked for (focusOn), else — when a change of the same page (paging, filters) removed the
 * focused element, leaving the focus on <body> — on the page's fallback or the main content.
 * Full page loads are left alone.
 */
export function useFocusAfterNavigation(): void {
  const location = useLocation();
  const previous = useRef<{ pathname: string; key: string } | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = { pathname: location.pathname, key: location.key };
    if (!before || before.key === location.key) return;
    const wanted = (location.state as FocusState | null)?.focus;
    const target = wanted ? document.getElementById(wanted) : null;
    if (target) {
      target.focus();
      return;
    }
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost && before.pathname === location.pathname) {
      (document.querySelector<HTMLElement>("[data-focus-fallback]") ?? document.getElementById("inhalt"))?.focus();
    }
  }, [location]);
}

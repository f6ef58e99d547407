import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import type { Messages } from "./utils/i18n";
import { setMessageCatalog } from "./utils/message-catalog";

// The language script in the page's head (root.tsx) ran before this one and left its strings here.
declare global {
  interface Window {
    __kwMessages?: Record<string, Messages>;
  }
}

setMessageCatalog({
  messages: (lang) => window.__kwMessages?.[lang],
  scriptUrl: () => document.querySelector("script[data-i18n]")?.getAttribute("src") ?? undefined,
});

/** Resolves once the page's language script has run (it is deferred; this module may come first). */
function stringsLoaded(): Promise<void> {
  const script = document.querySelector("script[data-i18n]");
  if (!script || window.__kwMessages?.[document.documentElement.lang]) return Promise.resolve();
  return new Promise((resolve) => {
    script.addEventListener("load", () => resolve(), { once: true });
    script.addEventListener("error", () => resolve(), { once: true });
  });
}

void stringsLoaded().then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  }),
);

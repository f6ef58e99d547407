import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "#app/utils/http";
import { getMessages, isSupportedLanguage, messagesVersion } from "#app/utils/i18n.server";

/**
 * A language's strings as a script that the page loads before it starts (see root.tsx). The current
 * version is cached for good; an old version's address answers with the current strings, briefly cached.
 */
export function loader({ params }: LoaderFunctionArgs) {
  const lang = params.lang ?? "";
  if (!isSupportedLanguage(lang)) throw notFound();
  const current = params.version === messagesVersion(lang);
  // JSON is a JavaScript literal; "<" escaped keeps it inert should anyone ever inline it in HTML.
  const literal = JSON.stringify(getMessages(lang)).replace(/</g, "\\u003c");
  return new Response(`(window.__kwMessages = window.__kwMessages || {})[${JSON.stringify(lang)}] = ${literal};\n`, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "public, max-age=60",
    },
  });
}

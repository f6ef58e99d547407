import type { HeadersFunction, LinksFunction, MetaFunction } from "@remix-run/node";
import { Links, LiveReload, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteError, useRouteLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, useMemo, type ReactNode } from "react";
import { ErrorPage } from "./components/error-boundary";
import { SiteFooter } from "./components/site-footer";
import { SiteHeader } from "./components/site-header";
import { Toast } from "./components/toast";
import type { loader } from "./root.server";
import stylesheet from "./styles/app.css";
import { createTranslator, DEFAULT_LANGUAGE, type Messages } from "./utils/i18n";
import { getMessageCatalog, translatorOf } from "./utils/message-catalog";
import { useFocusAfterNavigation } from "./utils/focus";
import { useNonce } from "./utils/nonce";
import { TranslationProvider } from "./utils/use-translation";

export { loader } from "./root.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// A loader that refuses with 429 or 503 says when to come back, on a full page load too (Remix keeps a
// thrown response's headers only where a route passes them on).
// Pages without a language cookie offer the browser's language (root.server): they vary by Accept-Language.
export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => {
  const kept = new Headers();
  const retryAfter = errorHeaders?.get("Retry-After");
  if (retryAfter) kept.set("Retry-After", retryAfter);
  const vary = loaderHeaders.get("Vary");
  if (vary) kept.set("Vary", vary);
  return kept;
};

// Pages set "<page> · Kurze Wege"; this is the title of the rest (e.g. an error in the root itself).
export const meta: MetaFunction = () => [{ title: "Kurze Wege" }];

// NOTE: Remix does not ask the root loader again on a client-side navigation; while the two-factor
// setup is owed it must, so that its redirect to the setup page holds for pages that read no session.
let setupOwed = false;
export const shouldRevalidate: ShouldRevalidateFunction = ({ defaultShouldRevalidate }) => setupOwed || defaultShouldRevalidate;

const NO_MESSAGES = { _meta: { name: "", dir: "ltr" } } as Messages;

function Document({ lang, dir, children }: { lang: string; dir: string; children: ReactNode }) {
  const nonce = useNonce();
  const catalog = getMessageCatalog();
  const messages = catalog.messages(lang);
  const translator = useMemo(() => (messages ? translatorOf(lang, messages) : createTranslator(lang, NO_MESSAGES)), [lang, messages]);
  // The strings of a language the page has not loaded (it changed without a reload): load the page anew.
  useEffect(() => {
    if (!messages) window.location.reload();
  }, [messages]);
  return (
    <html lang={lang} dir={dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        <script src={catalog.scriptUrl(lang)} nonce={nonce} defer data-i18n="" suppressHydrationWarning />
      </head>
      <body>
        <TranslationProvider translator={translator}>{children}</TranslationProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  setupOwed = data.twoFactorSetupOwed;
  useFocusAfterNavigation();
  return (
    <Document lang={data.lang} dir={data.dir}>
      <SiteHeader />
      {data.toast ? <Toast messageKey={data.toast} /> : null}
      <main id="inhalt" tabIndex={-1}>
        <Outlet />
      </main>
      <SiteFooter />
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  // When the root loader itself failed there is no language data: German, the default.
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <Document lang={data?.lang ?? DEFAULT_LANGUAGE} dir={data?.dir ?? "ltr"}>
      {data ? <SiteHeader /> : null}
      <main id="inhalt" tabIndex={-1}>
        <ErrorPage error={error} />
      </main>
      {data ? <SiteFooter /> : null}
    </Document>
  );
}

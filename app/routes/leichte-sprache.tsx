import type { MetaFunction } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { ErrorPage } from "#app/components/error-boundary";
import { EasyLanguagePage } from "#app/modules/accessibility/easy-language";
import styles from "#app/styles/accessibility.css";
import { pageTitle } from "#app/utils/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = (args) => pageTitle(args, "accessibility.easyLanguage.title");

export default function EasyLanguageRoute() {
  return <EasyLanguagePage />;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}

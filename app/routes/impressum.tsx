import type { MetaFunction } from "@remix-run/node";
import { LegalPage } from "#app/components/legal-page";
import { pageTitle } from "#app/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "legal.imprintTitle");

export default function ImprintPage() {
  return <LegalPage kind="imprint" />;
}

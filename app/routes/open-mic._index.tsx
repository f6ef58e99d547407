import type { MetaFunction } from "@remix-run/node";
import { SectionPage } from "~/components/section-page";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "nav.openMic");

export default function OpenMicPage() {
  return <SectionPage titleKey="nav.openMic" introKey="sections.openMicIntro" />;
}

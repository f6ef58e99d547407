import type { MetaFunction } from "@remix-run/node";
import { SectionPage } from "~/components/section-page";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "nav.directory");

export default function DirectoryPage() {
  return <SectionPage titleKey="nav.directory" introKey="sections.directoryIntro" />;
}

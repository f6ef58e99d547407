import type { MetaFunction } from "@remix-run/node";
import { SectionPage } from "~/components/section-page";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "nav.groups");

export default function GroupsPage() {
  return <SectionPage titleKey="nav.groups" introKey="sections.groupsIntro" />;
}

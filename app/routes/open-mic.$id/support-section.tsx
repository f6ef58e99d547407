import { Link, useFetcher } from "@remix-run/react";
import { useTranslation } from "#app/utils/use-translation";
import type { action } from "./data.server";

type Props = {
  topicId: number;
  supporters: { count: number; names: string[] | null };
  viewer: { signedIn: boolean; canTakePart: boolean; supports: boolean; follows: boolean };
};

/**
 * Who supports the topic, and the member's support and follow buttons. With JavaScript each button
 * is sent in the background and the page shows its outcome at once (the count, the button's new
 * state); the page's data follows when the answer is in. Without JavaScript they post the page.
 * Names are never added ahead of the answer: whose name may show is the server's decision.
 */
export function SupportSection({ topicId, supporters, viewer }: Props) {
  const { t } = useTranslation();
  const support = useFetcher<typeof action>();
  const follow = useFetcher<typeof action>();
  const supportSent = support.formData?.get("intent");
  const supports = supportSent ? supportSent === "support" : viewer.supports;
  const count = supporters.count + Number(supports) - Number(viewer.supports);
  const followSent = follow.formData?.get("intent");
  const follows = followSent ? followSent === "follow" : viewer.follows;
  const here = `/open-mic/${topicId}`;
  return (
    <section id="unterstuetzen" aria-labelledby="unterstuetzen-heading" className="support">
      <h2 id="unterstuetzen-heading">{t("openMic.support.title")}</h2>
      <p>{t("openMic.supports", { count })}</p>
      {supporters.names?.length ? (
        <p className="support__names">
          {t("openMic.support.by")} {supporters.names.join(", ")}
        </p>
      ) : null}
      {viewer.canTakePart ? (
        <div className="support__buttons">
          <support.Form method="post" preventScrollReset>
            <button type="submit" name="intent" value={supports ? "unsupport" : "support"} className={supports ? "button button--secondary" : "button"}>
              {supports ? t("openMic.support.withdraw") : t("openMic.support.give")}
            </button>
          </support.Form>
          <follow.Form method="post" preventScrollReset>
            <button type="submit" name="intent" value={follows ? "unfollow" : "follow"} className="button button--secondary">
              {follows ? t("openMic.follow.stop") : t("openMic.follow.start")}
            </button>
          </follow.Form>
        </div>
      ) : !viewer.signedIn ? (
        <p>
          {t("openMic.signInToTakePart")} <Link to={`/anmelden?redirectTo=${encodeURIComponent(here)}`}>{t("openMic.signIn")}</Link>
        </p>
      ) : null}
    </section>
  );
}

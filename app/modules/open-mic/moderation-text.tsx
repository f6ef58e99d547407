import { useTranslation } from "#app/utils/use-translation";
import { segmentText } from "./moderation-redact";
import type { PersonalDataSummary } from "./personal-data";

/**
 * A stored text as moderators check it: shown as plain text (nothing in it becomes markup), with
 * what looks like personal data marked.
 */
export function ModerationText({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <div className="moderation-text">
      {segmentText(text).map((segment, index) =>
        segment.finding ? (
          <mark key={index} className="moderation-text__finding">
            {segment.text}
            <span className="visually-hidden"> ({t(`openMicCoordination.findings.types.${segment.finding}`)})</span>
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </div>
  );
}

/** The list of personal data found in a post, by kind; nothing when nothing was found. */
export function FindingsSummary({ findings }: { findings: PersonalDataSummary }) {
  const { t } = useTranslation();
  if (findings.length === 0) return null;
  return (
    <div className="moderation-findings">
      <p className="moderation-findings__title">{t("openMicCoordination.findings.title")}</p>
      <ul>
        {findings.map((finding) => (
          <li key={finding.type}>
            {t(`openMicCoordination.findings.types.${finding.type}`)}: {finding.snippets.join(", ")}
          </li>
        ))}
      </ul>
    </div>
  );
}

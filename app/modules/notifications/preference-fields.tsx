import { getCollectionProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "#app/utils/use-translation";
import { ErrorList } from "#app/components/forms";
import { DEFAULT_CHANNELS, type Kind } from "./notification-kinds";
import { notificationChannels } from "#db/schema/open-mic-enums";

/** One kind's choice (here, here and by e-mail, off) as a radio group that works without JavaScript. */
export function ChannelChoice({ kind, field }: { kind: Kind; field: FieldMetadata<unknown> }) {
  const { t } = useTranslation();
  const inputs = getCollectionProps(field, { type: "radio", options: [...notificationChannels] });
  const hintId = `${field.id}-hint`;
  const errorId = field.errors?.length ? field.errorId : undefined;
  return (
    <fieldset className="choices notification-choice" aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}>
      <legend>{t(`notifications.kinds.${kind}`)}</legend>
      <p id={hintId} className="field__hint">
        {t(`notifications.kindHints.${kind}`)}
      </p>
      <ul>
        {inputs.map((input, index) => {
          // Conform's per-input aria attributes would point every radio at the group's errors.
          const { key, ...props } = input;
          const id = `${field.id}-${index}`;
          const channel = notificationChannels[index]!;
          return (
            <li key={key ?? input.value}>
              <input {...props} id={id} aria-invalid={undefined} aria-describedby={undefined} />
              <label htmlFor={id}>
                {t(`notifications.channels.${channel}`)}
                {DEFAULT_CHANNELS[kind] === channel ? ` ${t("notifications.defaultMark")}` : null}
              </label>
            </li>
          );
        })}
      </ul>
      <ErrorList id={errorId} errors={field.errors} />
    </fieldset>
  );
}

import { useTranslation } from "#app/utils/use-translation";
import { readProblemMessage } from "#app/modules/invitations/address-list";

/**
 * The errors of the address list and of the file: each bad line with its number and what it held
 * ("Zeile 3: „foo@“ ist keine E-Mail-Adresse"), or a plain message.
 */
export function AddressProblems({ id, errors }: { id: string; errors: string[] | undefined }) {
  const { t } = useTranslation();
  const messages = errors?.filter(Boolean) ?? [];
  if (messages.length === 0) return null;
  return (
    <ul id={id} className="error-list">
      {messages.map((message) => {
        const { key, line, value } = readProblemMessage(message);
        return <li key={message}>{t(key, { line, value, count: line })}</li>;
      })}
    </ul>
  );
}

import type { ReactNode } from "react";
import { formatDate, useRootData } from "#app/utils/misc";

export type ModerationLogRow = {
  id: string;
  createdAt: string;
  actor: string;
  /** What was done, in words. */
  action: ReactNode;
  /** What it was done to (a thread, a topic), usually a link. */
  subject: ReactNode;
  reason: string | null;
};

type ModerationLogTableProps = {
  caption: string;
  /** The column headings: when, who, what, to what, why. */
  columns: [string, string, string, string, string];
  className: string;
  rows: ModerationLogRow[];
};

/** A moderation log (of a group's threads, of the Open Mic): who did what to what, when and why. */
export function ModerationLogTable({ caption, columns, className, rows }: ModerationLogTableProps) {
  const { lang } = useRootData();
  return (
    // A phone scrolls the table sideways in its box: reachable by keyboard (WCAG 2.1.1), named by the caption.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className={className}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <time dateTime={row.createdAt}>{formatDate(lang, row.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
              </td>
              <td>{row.actor}</td>
              <td>{row.action}</td>
              <td>{row.subject}</td>
              <td>{row.reason || "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

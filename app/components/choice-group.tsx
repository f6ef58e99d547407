import { getCollectionProps, type FieldMetadata } from "@conform-to/react";
import { ErrorList } from "./forms";

type ChoiceGroupProps = {
  legend: string;
  field: FieldMetadata<unknown>;
  type?: "checkbox" | "radio";
  options: { value: string; label: string }[];
};

/** A group of checkboxes (or radios) in a fieldset, with its errors tied to the group. */
export function ChoiceGroup({ legend, field, type = "checkbox", options }: ChoiceGroupProps) {
  const inputs = getCollectionProps(field, { type, options: options.map((option) => option.value) });
  const errorId = field.errors?.length ? field.errorId : undefined;
  return (
    <fieldset className="choices" aria-describedby={errorId} aria-invalid={errorId ? true : undefined}>
      <legend>{legend}</legend>
      <ul>
        {inputs.map((input, index) => {
          // Conform's per-input aria attributes would point every box at the group's errors.
          const { key, ...props } = input;
          const id = `${field.id}-${index}`;
          return (
            <li key={key ?? input.value}>
              <input {...props} id={id} aria-invalid={undefined} aria-describedby={undefined} />
              <label htmlFor={id}>{options[index]!.label}</label>
            </li>
          );
        })}
      </ul>
      <ErrorList id={errorId} errors={field.errors} />
    </fieldset>
  );
}

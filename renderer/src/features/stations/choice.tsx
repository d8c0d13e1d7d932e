import { useId } from 'react';

/** A radio drawn as a card: its title is the accessible name, its hint the description. */
export function Choice({
  name,
  value,
  checked,
  onChange,
  title,
  hint,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChange: () => void;
  title: string;
  hint: string;
}) {
  const titleId = useId();
  const hintId = useId();
  return (
    <label className="choice">
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        onChange={onChange}
        aria-labelledby={titleId}
        aria-describedby={hintId}
      />
      <span className="choice-text">
        <span id={titleId} className="choice-title">
          {title}
        </span>
        <span id={hintId} className="choice-hint">
          {hint}
        </span>
      </span>
    </label>
  );
}

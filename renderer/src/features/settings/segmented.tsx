/** A radio group drawn as joined buttons (the console's `.segmented` look); arrow keys are not needed: each option is a button. */
export function Segmented<Value extends string>({
  label,
  labelledBy,
  options,
  value,
  onChange,
  disabled,
}: {
  /** The group's accessible name, or `labelledBy` the id of a visible label. */
  label?: string;
  labelledBy?: string;
  options: ReadonlyArray<{ value: Value; label: string }>;
  value: Value;
  onChange(value: Value): void;
  disabled?: (value: Value) => boolean;
}) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label} aria-labelledby={labelledBy}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={value === option.value}
          className="segmented-option"
          disabled={disabled?.(option.value)}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

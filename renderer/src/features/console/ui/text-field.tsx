import { useId, type ReactNode } from 'react';

/** A one-line text field with its rule under it, which turns into the error when the value breaks it. */
export function TextField({
  label,
  value,
  onChange,
  rule,
  invalid,
  placeholder,
  readOnly,
  autoComplete,
  className,
}: {
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  /** What a valid value is (AWS's naming rule, an example). */
  rule: ReactNode;
  /** Shown as an error (usually once the form was submitted). */
  invalid: boolean;
  placeholder?: string;
  readOnly?: boolean;
  autoComplete?: string;
  className?: string;
}) {
  const ruleId = useId();
  return (
    <label className={`field ${className ?? ''}`}>
      <span className="field-label">{label}</span>
      <input
        className="text-input mono"
        value={value}
        placeholder={placeholder}
        readOnly={readOnly}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={ruleId}
        spellCheck={false}
        autoComplete={autoComplete}
      />
      <span id={ruleId} className={invalid ? 'field-error' : 'field-hint'}>
        {rule}
      </span>
    </label>
  );
}

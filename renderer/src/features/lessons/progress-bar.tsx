/** Steps done out of the total, as a bar that screen readers read as "3 of 5". */
export function ProgressBar({
  done,
  total,
  label,
  text,
}: {
  done: number;
  total: number;
  label: string;
  text: string;
}) {
  const ratio = total === 0 ? 0 : done / total;
  return (
    <div
      className="lesson-progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      aria-valuetext={text}
      data-complete={total > 0 && done === total ? 'true' : undefined}
    >
      <span className="lesson-progress-fill" style={{ width: `${Math.round(ratio * 100)}%` }} />
    </div>
  );
}

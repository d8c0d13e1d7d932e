import { useTranslation } from 'react-i18next';
import type { SpecProblem } from './model/chart-data';

/** Why a chart cannot be drawn from this result, in the user's words. */
export function SpecProblemNotice({ problem }: { problem: SpecProblem }) {
  const { t } = useTranslation('charts');
  const text =
    problem.problem === 'unknown-column' || problem.problem === 'scatter-needs-quantity'
      ? t(`builder.problems.${problem.problem}`, { column: problem.column })
      : t(`builder.problems.${problem.problem}`);
  return <p className="notice notice-warning">{text}</p>;
}

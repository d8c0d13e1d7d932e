import { marked } from 'marked';
import type { LabMode, LessonLanguage, StepProgress } from '../api/contract.js';
import type { Lesson } from './schema.js';

/**
 * The progress report an instructor reads: JSON for tools, Markdown and a standalone HTML page for
 * people, in the language the student uses.
 */

export interface ReportInput {
  language: LessonLanguage;
  mode: LabMode;
  accountId?: string;
  labDir: string;
  generatedAt: string;
  lessons: readonly Lesson[];
  progress: Map<string, Map<string, StepProgress>>;
}

const WORDS = {
  en: {
    title: 'IoT Lab: progress report',
    generated: 'Generated',
    mode: 'Mode',
    modes: { offline: 'offline (local cloud)', aws: 'AWS account' },
    account: 'Account',
    labFolder: 'Lab folder',
    overall: 'Steps done',
    lesson: 'Lesson',
    step: 'Step',
    status: 'Status',
    how: 'How',
    checks: 'Checks',
    doneFor: '“Do it for me”',
    hints: 'Hints',
    solution: 'Solution seen',
    done: 'done',
    todo: 'to do',
    byCheck: 'checked',
    byHand: 'marked done',
    lastCheck: 'last check failed',
    yes: 'yes',
    no: 'no',
    summary: 'Summary',
  },
  fr: {
    title: 'IoT Lab : rapport de progression',
    generated: 'Généré le',
    mode: 'Mode',
    modes: { offline: 'hors ligne (cloud local)', aws: 'compte AWS' },
    account: 'Compte',
    labFolder: 'Dossier du lab',
    overall: 'Étapes faites',
    lesson: 'Leçon',
    step: 'Étape',
    status: 'État',
    how: 'Comment',
    checks: 'Vérifications',
    doneFor: '« Le faire pour moi »',
    hints: 'Indices',
    solution: 'Solution vue',
    done: 'faite',
    todo: 'à faire',
    byCheck: 'vérifiée',
    byHand: 'marquée faite',
    lastCheck: 'dernière vérification en échec',
    yes: 'oui',
    no: 'non',
    summary: 'Résumé',
  },
} as const;

export interface ReportJson {
  generatedAt: string;
  mode: LabMode;
  accountId?: string;
  labDir: string;
  language: LessonLanguage;
  totals: { steps: number; done: number };
  lessons: Array<{
    id: string;
    title: string;
    steps: Array<{ id: string; title: string } & StepProgress>;
    done: number;
    total: number;
  }>;
}

export function buildReportJson(input: ReportInput): ReportJson {
  const lessons = input.lessons.map((lesson) => {
    const document = lesson.documents[input.language];
    const progress = input.progress.get(lesson.id) ?? new Map<string, StepProgress>();
    const steps = document.meta.steps.map((step) => ({
      id: step.id,
      title: step.title,
      ...(progress.get(step.id) ?? {
        status: 'todo' as const,
        checks: 0,
        automations: 0,
        hintsRevealed: 0,
        solutionRevealed: false,
      }),
    }));
    return {
      id: lesson.id,
      title: document.meta.title,
      steps,
      done: steps.filter((step) => step.status === 'done').length,
      total: steps.length,
    };
  });
  return {
    generatedAt: input.generatedAt,
    mode: input.mode,
    ...(input.accountId ? { accountId: input.accountId } : {}),
    labDir: input.labDir,
    language: input.language,
    totals: {
      steps: lessons.reduce((sum, lesson) => sum + lesson.total, 0),
      done: lessons.reduce((sum, lesson) => sum + lesson.done, 0),
    },
    lessons,
  };
}

const cell = (value: string): string => value.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function buildReportMarkdown(report: ReportJson): string {
  const w = WORDS[report.language];
  const lines = [
    `# ${w.title}`,
    '',
    `- ${w.generated}: ${report.generatedAt}`,
    `- ${w.mode}: ${w.modes[report.mode]}`,
    ...(report.accountId ? [`- ${w.account}: ${report.accountId}`] : []),
    `- ${w.labFolder}: \`${report.labDir}\``,
    `- ${w.overall}: **${report.totals.done} / ${report.totals.steps}**`,
    '',
    `## ${w.summary}`,
    '',
    `| ${w.lesson} | ${w.overall} |`,
    '| --- | --- |',
    ...report.lessons.map((lesson) => `| ${cell(lesson.title)} | ${lesson.done} / ${lesson.total} |`),
  ];
  for (const lesson of report.lessons) {
    lines.push('', `## ${lesson.title}`, '');
    lines.push(
      `| ${w.step} | ${w.status} | ${w.how} | ${w.checks} | ${w.doneFor} | ${w.hints} | ${w.solution} |`,
    );
    lines.push('| --- | --- | --- | ---: | ---: | ---: | --- |');
    for (const step of lesson.steps) {
      const how =
        step.status === 'done'
          ? step.completedBy === 'manual'
            ? w.byHand
            : w.byCheck
          : step.lastCheck && !step.lastCheck.ok
            ? w.lastCheck
            : '';
      lines.push(
        `| ${cell(step.title)} | ${step.status === 'done' ? `✓ ${w.done}` : w.todo} | ${how} | ${step.checks} | ${step.automations} | ${step.hintsRevealed} | ${step.solutionRevealed ? w.yes : w.no} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const escapeHtml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function buildReportHtml(report: ReportJson, markdown: string): string {
  const body = marked.parse(markdown, { async: false });
  return `<!doctype html>
<html lang="${report.language}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(WORDS[report.language].title)}</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; color: #18212d; max-width: 960px; margin: 32px auto; padding: 0 20px; }
  table { border-collapse: collapse; width: 100%; margin: 8px 0 20px; }
  th, td { border: 1px solid #d5dbe3; padding: 6px 10px; text-align: left; }
  th { background: #f3f5f8; }
  code { background: #f3f5f8; padding: 1px 4px; border-radius: 4px; }
  @media print { body { margin: 0; } }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

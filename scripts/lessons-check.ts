// `npm run lessons:check [lessons-dir]` (or `-- --list` for the registry): validates every lesson (electron/lessons/validate.ts):
// schema and line of each problem, both languages present and structurally identical, check and
// automation names registered with valid params, placeholders known, links resolving.
import path from 'node:path';
import { defaultLessonsDir, loadLessons } from '../electron/lessons/loader.js';
import { AUTOMATIONS, CHECKS } from '../electron/lessons/registry/index.js';
import { validateLessons } from '../electron/lessons/validate.js';

const args = process.argv.slice(2);
if (args.includes('--list')) {
  // For authors: what a step may name, and what each does.
  for (const [title, entries] of [
    ['Checks', CHECKS],
    ['Automations', AUTOMATIONS],
  ] as const) {
    console.log(`${title}:`);
    for (const entry of entries.values())
      console.log(
        `  ${entry.name} (${Object.keys(entry.params.shape).join(', ') || 'no params'})\n      ${entry.summary}`,
      );
  }
  process.exit(0);
}
const dir = path.resolve(args.find((arg) => !arg.startsWith('--')) ?? defaultLessonsDir());
const loaded = loadLessons(dir);
const problems = validateLessons(loaded, { checks: CHECKS, automations: AUTOMATIONS });

for (const problem of problems) console.error(`✖ ${problem.message}`);
const steps = loaded.lessons.reduce((sum, lesson) => sum + lesson.documents.en.meta.steps.length, 0);
if (problems.length > 0) {
  console.error(`\nlessons:check: ${problems.length} problem(s) in ${dir}`);
  process.exit(1);
}
console.log(
  `lessons:check: ${loaded.lessons.length} lessons, ${steps} steps, English and French: all valid.`,
);

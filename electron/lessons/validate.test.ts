import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultLessonsDir, loadLessons } from './loader.js';
import { AUTOMATIONS, CHECKS } from './registry/index.js';
import { validateLessons } from './validate.js';

const registry = { checks: CHECKS, automations: AUTOMATIONS };
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Variant {
  steps?: string;
  body?: string;
}

function file(id: string, { steps, body }: Variant = {}): string {
  return `---
id: ${id}
title: Title
objectives: [One]
duration: 5
services: [s3]
steps:
${
  steps ??
  `  - id: buckets
    title: Buckets
    automation: create-buckets
    check: buckets-exist
    params:
      buckets:
        - iot-tutorial-datalake-{{bucketSuffix}}
    hints:
      - A hint.`
}
---
Intro with a [link](#/stations).

<!-- step: buckets -->
${body ?? 'Create it:\n\n```sh\naws s3 mb s3://iot-tutorial-datalake-{{bucketSuffix}}\n```'}
`;
}

function lessonsDir(lessons: Record<string, { en?: string; fr?: string }>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'iotlab-lessons-'));
  dirs.push(dir);
  for (const [id, languages] of Object.entries(lessons)) {
    mkdirSync(path.join(dir, id));
    if (languages.en !== undefined) writeFileSync(path.join(dir, id, 'en.md'), languages.en);
    if (languages.fr !== undefined) writeFileSync(path.join(dir, id, 'fr.md'), languages.fr);
  }
  return dir;
}

function problems(lessons: Record<string, { en?: string; fr?: string }>): string[] {
  return validateLessons(loadLessons(lessonsDir(lessons)), registry).map((problem) => problem.message);
}

describe('validateLessons', () => {
  it('accepts the lab’s own lessons', () => {
    const loaded = loadLessons(defaultLessonsDir());
    expect(validateLessons(loaded, registry).map((problem) => problem.message)).toEqual([]);
    expect(loaded.lessons.map((lesson) => lesson.id)).toEqual([
      '00-setup',
      '01-first-thing',
      '02-fleet',
      '03-s3-rule',
      '04-firehose',
      '05-dynamodb',
      '06-glue',
      '07-athena',
      '08-flatten',
      '09-charts',
    ]);
  });

  it('orders lessons by their numeric prefix', () => {
    const dir = lessonsDir({
      '10-last': { en: file('10-last'), fr: file('10-last') },
      '02-second': { en: file('02-second'), fr: file('02-second') },
    });
    expect(loadLessons(dir).lessons.map((lesson) => lesson.id)).toEqual(['02-second', '10-last']);
  });

  it('accepts a valid lesson', () => {
    expect(problems({ '01-demo': { en: file('01-demo'), fr: file('01-demo') } })).toEqual([]);
  });

  it('needs both languages, and the folder name as id', () => {
    expect(problems({ '01-demo': { en: file('01-demo') } })).toEqual([
      'lessons/01-demo/fr.md: the French text is missing',
    ]);
    expect(problems({ '01-demo': { en: file('01-other'), fr: file('01-other') } })).toEqual([
      'lessons/01-demo/en.md:2: id is "01-other" but the folder is "01-demo"',
    ]);
    expect(problems({ demo: { en: file('01-demo') } })[0]).toMatch(/named NN-slug/);
  });

  it('needs both languages to share their structure', () => {
    const fr = file('01-demo').replace(
      '        - iot-tutorial-datalake-{{bucketSuffix}}',
      '        - iot-tutorial-lake-{{bucketSuffix}}',
    );
    expect(problems({ '01-demo': { en: file('01-demo'), fr } })).toEqual([
      'lessons/01-demo/fr.md:8: step 1 (buckets): params differs from the English text ({"buckets":["iot-tutorial-datalake-{{bucketSuffix}}"]})',
    ]);
    const noHint = file('01-demo').replace('    hints:\n      - A hint.', '');
    expect(problems({ '01-demo': { en: file('01-demo'), fr: noHint } })).toEqual([
      'lessons/01-demo/fr.md:8: step 1 (buckets): hints differs from the English text (1)',
    ]);
  });

  it('needs registered checks and automations, with valid params', () => {
    const unknown = file('01-demo').replace('check: buckets-exist', 'check: bucket-exists');
    expect(problems({ '01-demo': { en: unknown, fr: unknown } })).toContain(
      'lessons/01-demo/en.md:8: step buckets: no check is named "bucket-exists" (electron/lessons/registry)',
    );
    const badParams = file('01-demo').replace(
      '        - iot-tutorial-datalake-{{bucketSuffix}}',
      '        - Not_A_Bucket',
    );
    expect(problems({ '01-demo': { en: badParams, fr: badParams } })[0]).toMatch(
      /^lessons\/01-demo\/en\.md:8: step buckets: params for the check buckets-exist: .*buckets\[0\]/,
    );
    const extra = file('01-demo').replace('    params:\n', '    params:\n      bucket: typo\n');
    expect(problems({ '01-demo': { en: extra, fr: extra } })).toContain(
      'lessons/01-demo/en.md:8: step buckets: param "bucket" is used by neither its check nor its automation',
    );
  });

  it('knows every placeholder', () => {
    const typo = file('01-demo', { body: 'Your account: {{acountId}}.' });
    expect(problems({ '01-demo': { en: typo, fr: typo } })).toContain(
      'lessons/01-demo/en.md:21: step buckets: unknown placeholder {{acountId}}',
    );
  });

  it('resolves links and references', () => {
    const body = [
      '[ok](https://docs.aws.amazon.com/iot/) [page](#/mqtt) [lesson](lesson:01-demo#buckets) [step](#buckets)',
      '[bad page](#/nowhere) [bad step](#nope) [bad lesson](lesson:07-none) [http](http://example.com)',
    ].join('\n');
    const text = file('01-demo', { body });
    const found = problems({ '01-demo': { en: text, fr: text } }).filter((problem) =>
      problem.includes('/en.md'),
    );
    expect(found).toEqual([
      'lessons/01-demo/en.md:22: step buckets: the link "#/nowhere" names no page of the app (home, stations, lessons, mqtt, console, iot, s3, firehose, dynamodb, glue, athena, sql, charts, settings)',
      'lessons/01-demo/en.md:22: step buckets: the link "#nope" names no step of this lesson',
      'lessons/01-demo/en.md:22: step buckets: the link "lesson:07-none" names no lesson',
      'lessons/01-demo/en.md:22: step buckets: the link "http://example.com" is neither https://…, #/<page>, lesson:NN-slug[#step] nor #<step of this lesson>',
    ]);
  });

  it('needs a language on code blocks, and no raw HTML', () => {
    const text = file('01-demo', { body: '```\naws s3 ls\n```\n\n<div>hi</div>' });
    expect(
      problems({ '01-demo': { en: text, fr: text } }).filter((problem) => problem.includes('/en.md')),
    ).toEqual([
      'lessons/01-demo/en.md:21: step buckets: a code block needs a language (```sh, ```python, ```sql, ```json, ```text)',
      'lessons/01-demo/en.md:25: step buckets: raw HTML is not shown to students: <div>hi</div>',
    ]);
  });
});

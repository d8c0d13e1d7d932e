import { describe, expect, it } from 'vitest';
import { LessonError, parseLessonFile } from './parse.js';

const FILE = 'lessons/01-demo/en.md';

function lesson(frontMatter: string, body: string): string {
  return `---\n${frontMatter}\n---\n${body}`;
}

const META = `id: 01-demo
title: Demo
objectives: [Learn]
duration: 5
services: [s3]
steps:
  - id: one
    title: First
    check: buckets-exist
    params:
      buckets: ["b-{{bucketSuffix}}"]
  - id: two
    title: Second`;

const BODY = `Intro text.

<!-- step: one -->
Do the first thing.

<!-- step: two -->
Do the second.
`;

function errorOf(source: string): LessonError {
  try {
    parseLessonFile(FILE, 'en', source);
  } catch (error) {
    if (error instanceof LessonError) return error;
    throw error;
  }
  throw new Error('expected a LessonError');
}

describe('parseLessonFile', () => {
  it('splits the front matter, the intro and one section per step marker', () => {
    const document = parseLessonFile(FILE, 'en', lesson(META, BODY));
    expect(document.meta.title).toBe('Demo');
    expect(document.meta.steps.map((step) => step.id)).toEqual(['one', 'two']);
    expect(document.meta.steps[0]?.params).toEqual({ buckets: ['b-{{bucketSuffix}}'] });
    expect(document.intro).toBe('Intro text.');
    expect(document.sections.get('one')).toBe('Do the first thing.');
    expect(document.sections.get('two')).toBe('Do the second.');
    // The intro starts after the closing ---; markers are located for error messages.
    expect(document.lines.intro).toBe(16);
    expect(document.lines.sections.get('one')).toBe(18);
    expect(document.lines.steps.get('two')).toBe(13);
  });

  it('accepts Windows line endings', () => {
    const document = parseLessonFile(FILE, 'en', lesson(META, BODY).replace(/\n/g, '\r\n'));
    expect(document.sections.get('two')).toBe('Do the second.');
  });

  it('ignores a marker inside a code block', () => {
    const body =
      'Intro.\n\n<!-- step: one -->\n```text\n<!-- step: two -->\n```\n\n<!-- step: two -->\nSecond.\n';
    const document = parseLessonFile(FILE, 'en', lesson(META, body));
    expect(document.sections.get('one')).toContain('<!-- step: two -->');
    expect(document.sections.get('two')).toBe('Second.');
  });

  it('says where a YAML error is', () => {
    const error = errorOf(lesson(META.replace('objectives: [Learn]', 'objectives: [Learn'), BODY));
    expect(error.file).toBe(FILE);
    expect(error.line).toBeGreaterThanOrEqual(4);
    expect(error.message).toMatch(/^lessons\/01-demo\/en\.md:\d+: YAML: /);
  });

  it('says which field breaks the schema, on its line', () => {
    const error = errorOf(lesson(META.replace('duration: 5', 'duration: soon'), BODY));
    expect(error.line).toBe(5);
    expect(error.detail).toMatch(/^duration: /);
  });

  it('points at the step of an invalid step field', () => {
    const error = errorOf(lesson(META.replace('  - id: two', '  - id: Two_Bad'), BODY));
    expect(error.line).toBe(13);
    expect(error.detail).toMatch(/steps\.1\.id: a step id is kebab-case/);
  });

  it('refuses unknown front matter keys and services', () => {
    expect(errorOf(lesson(`${META}\nauthor: me`, BODY)).detail).toMatch(/author/);
    expect(errorOf(lesson(META.replace('services: [s3]', 'services: [lambda]'), BODY)).detail).toMatch(
      /^services\.0: /,
    );
  });

  it('needs the front matter first', () => {
    expect(errorOf(`# Title\n${BODY}`)).toMatchObject({ line: 1 });
    expect(errorOf(`---\n${META}\n${BODY}`).detail).toMatch(/not closed/);
  });

  it('reports a marker that names no step, a missing section, and sections out of order', () => {
    expect(errorOf(lesson(META, BODY.replace('step: two', 'step: three'))).detail).toMatch(
      /"three" names no step/,
    );
    expect(errorOf(lesson(META, 'Intro.\n\n<!-- step: one -->\nFirst.\n')).detail).toMatch(
      /step "two" has no section/,
    );
    const swapped = 'Intro.\n\n<!-- step: two -->\nSecond.\n\n<!-- step: one -->\nFirst.\n';
    expect(errorOf(lesson(META, swapped)).detail).toMatch(/not in the front matter's order/);
  });

  it('reports a duplicated marker, a malformed one and an empty section, with their lines', () => {
    const twice = `${BODY}\n<!-- step: two -->\nAgain.\n`;
    expect(errorOf(lesson(META, twice))).toMatchObject({ line: 24 });
    const loose = BODY.replace('<!-- step: two -->', '<!-- step two -->');
    expect(errorOf(lesson(META, loose))).toMatchObject({ line: 21 });
    expect(errorOf(lesson(META, BODY.replace('Do the second.', ''))).detail).toMatch(/has no instructions/);
  });

  it('needs an introduction and closed code blocks', () => {
    expect(errorOf(lesson(META, BODY.replace('Intro text.', ''))).detail).toMatch(/introduction/);
    expect(errorOf(lesson(META, `${BODY}\n\`\`\`sh\necho\n`)).detail).toMatch(/not closed/);
  });
});

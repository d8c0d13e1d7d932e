import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLabStorage, type LabStorage } from '../cloud/storage/index.js';
import { defaultLessonsDir, loadLessons } from './loader.js';
import { openProgressStore, type ProgressStore } from './progress.js';
import { buildReportHtml, buildReportJson, buildReportMarkdown } from './report.js';

let dir: string;
let storage: LabStorage;
let progress: ProgressStore;
const AT = '2026-11-22T10:00:00.000Z';

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'iotlab-progress-'));
  storage = openLabStorage(dir);
  progress = openProgressStore(storage);
});

afterEach(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('lesson progress', () => {
  it('starts empty, and a green check marks the step done for good', () => {
    expect(progress.step('offline', '00-setup', 'buckets')).toEqual({
      status: 'todo',
      checks: 0,
      automations: 0,
      hintsRevealed: 0,
      solutionRevealed: false,
    });
    const red = {
      ok: false as const,
      at: AT,
      hint: { key: 'bucket-missing' as const, values: { bucket: 'b' } },
    };
    expect(progress.recordCheck('offline', '00-setup', 'buckets', red)).toMatchObject({
      status: 'todo',
      checks: 1,
      lastCheck: red,
    });
    const green = { ok: true as const, at: '2026-11-22T10:05:00.000Z' };
    expect(progress.recordCheck('offline', '00-setup', 'buckets', green)).toMatchObject({
      status: 'done',
      completedBy: 'check',
      completedAt: green.at,
      checks: 2,
    });
    // A later red check is remembered, but the step stays done.
    expect(progress.recordCheck('offline', '00-setup', 'buckets', red)).toMatchObject({
      status: 'done',
      completedAt: green.at,
      lastCheck: red,
      checks: 3,
    });
  });

  it('keeps each mode apart, and survives a reopening of the lab', () => {
    progress.markDone('offline', '00-setup', 'endpoint', true, AT);
    expect(progress.step('aws', '00-setup', 'endpoint').status).toBe('todo');
    storage.close();
    storage = openLabStorage(dir);
    progress = openProgressStore(storage);
    expect(progress.step('offline', '00-setup', 'endpoint')).toMatchObject({
      status: 'done',
      completedBy: 'manual',
    });
    expect(progress.markDone('offline', '00-setup', 'endpoint', false, AT)).toMatchObject({ status: 'todo' });
  });

  it('counts automations, hints and the solution', () => {
    progress.recordAutomation('offline', '01-first-thing', 'create-thing');
    progress.recordReveal('offline', '01-first-thing', 'create-thing', 'hint', 2);
    progress.recordReveal('offline', '01-first-thing', 'create-thing', 'hint', 1);
    expect(progress.recordReveal('offline', '01-first-thing', 'create-thing', 'solution', 1)).toMatchObject({
      automations: 1,
      hintsRevealed: 2,
      solutionRevealed: true,
    });
    expect([...progress.all('offline').keys()]).toEqual(['01-first-thing']);
  });

  it('tracks what a step created, in order, until it is undone', () => {
    progress.track('offline', '01-first-thing', 'certificate', 'created', {
      kind: 'certificate',
      name: 'abc',
      data: { certificateId: 'abc' },
    });
    progress.track('offline', '01-first-thing', 'certificate', 'created', {
      kind: 'thing-principal',
      name: 'x ↔ abc',
    });
    progress.track('aws', '01-first-thing', 'certificate', 'created', { kind: 'certificate', name: 'other' });
    const rows = progress.tracked('offline', '01-first-thing', 'certificate');
    expect(rows.map((row) => [row.action, row.kind, row.name, row.data])).toEqual([
      ['created', 'certificate', 'abc', { certificateId: 'abc' }],
      ['created', 'thing-principal', 'x ↔ abc', undefined],
    ]);
    progress.untrack(rows[0]?.id ?? -1);
    expect(progress.tracked('offline', '01-first-thing', 'certificate').map((row) => row.name)).toEqual([
      'x ↔ abc',
    ]);
    progress.recordAutomation('offline', '01-first-thing', 'certificate');
    progress.clearStep('offline', '01-first-thing', 'certificate');
    expect(progress.step('offline', '01-first-thing', 'certificate').automations).toBe(0);
  });
});

describe('progress report', () => {
  it('says, per lesson and step, what was done and how', () => {
    progress.recordCheck('offline', '00-setup', 'account', { ok: true, at: AT });
    progress.recordAutomation('offline', '00-setup', 'buckets');
    progress.recordCheck('offline', '00-setup', 'buckets', { ok: true, at: AT });
    progress.markDone('offline', '00-setup', 'endpoint', true, AT);
    progress.recordReveal('offline', '01-first-thing', 'create-thing', 'hint', 1);
    progress.recordCheck('offline', '01-first-thing', 'create-thing', {
      ok: false,
      at: AT,
      hint: { key: 'thing-missing', values: { thing: 'my-first-thing' } },
    });
    const report = buildReportJson({
      language: 'en',
      mode: 'offline',
      accountId: '123456789012',
      labDir: '/lab',
      generatedAt: AT,
      lessons: loadLessons(defaultLessonsDir()).lessons,
      progress: progress.all('offline'),
    });
    expect(report.totals).toEqual({ steps: 35, done: 3 });
    expect(report.lessons[0]).toMatchObject({ id: '00-setup', title: 'Set up your lab', done: 3, total: 3 });
    expect(report.lessons[0]?.steps[1]).toMatchObject({
      id: 'buckets',
      status: 'done',
      automations: 1,
      checks: 1,
    });

    const markdown = buildReportMarkdown(report);
    expect(markdown).toContain('# IoT Lab: progress report');
    expect(markdown).toContain('- Steps done: **3 / 35**');
    expect(markdown).toContain('| Create the three buckets | ✓ done | checked | 1 | 1 | 0 | no |');
    expect(markdown).toContain('| Find your IoT endpoint | ✓ done | marked done | 0 | 0 | 0 | no |');
    expect(markdown).toContain('| Create the thing | to do | last check failed | 1 | 0 | 1 | no |');
    const html = buildReportHtml(report, markdown);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<table>');

    const french = buildReportMarkdown({ ...report, language: 'fr' });
    expect(french).toContain('# IoT Lab : rapport de progression');
  });
});

import type { Locator } from 'playwright-core';
import { FirstScreen } from '../helpers/web-app.js';

/** The names the lessons UI gives its controls, in each language (renderer/src/features/lessons/messages.ts). */
export const LABELS = {
  en: {
    nav: 'Lessons',
    check: 'Check my work',
    automate: 'Do it for me',
    markDone: 'Mark as done',
    ok: 'Well done: your work checks out.',
    notYet: 'Not yet.',
    done: 'Done',
  },
  fr: {
    nav: 'Leçons',
    check: 'Vérifier mon travail',
    automate: 'Le faire pour moi',
    markDone: 'Marquer comme faite',
    ok: 'Bravo : votre travail est vérifié.',
    notYet: 'Pas encore.',
    done: 'Faite',
  },
} as const;

/** How long a check may watch the cloud (Firehose's 60-second buffer, a crawl, a query). */
const CHECK_TIMEOUT_MS = 120_000;

/** The Lessons page and a lesson's steps, through roles and labels. */
export class LessonsScreen extends FirstScreen {
  language: 'en' | 'fr' = 'en';

  get labels() {
    return LABELS[this.language];
  }

  async openLessons(url: string): Promise<void> {
    await this.open(url);
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: this.labels.nav })
      .click();
    await this.heading(this.labels.nav).waitFor();
    await this.page.getByRole('article').first().waitFor();
  }

  /** A lesson's card in the list. */
  card(title: string): Locator {
    return this.page.getByRole('article', { name: title, exact: true });
  }

  async openLesson(title: string): Promise<void> {
    await this.card(title).getByRole('link', { name: title, exact: true }).click();
    await this.heading(title).waitFor();
  }

  /** A step of the open lesson, named by its title. */
  step(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  /** Opens the step if it is closed (its title is the toggle). */
  async expand(title: string): Promise<Locator> {
    const step = this.step(title);
    const toggle = step.getByRole('button', { name: title, exact: true });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await step
      .getByRole('button', { name: this.labels.automate })
      .or(step.getByRole('button', { name: this.labels.check }))
      .or(step.getByRole('button', { name: this.labels.markDone }))
      .first()
      .waitFor();
    return step;
  }

  async collapse(title: string): Promise<void> {
    const toggle = this.step(title).getByRole('button', { name: title, exact: true });
    if ((await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
  }

  /** The check's verdict in the step, once it is there. */
  outcome(step: Locator, kind: 'ok' | 'fail'): Locator {
    return step.getByRole('status').filter({ hasText: kind === 'ok' ? this.labels.ok : this.labels.notYet });
  }

  /** "Check my work", expecting red: returns the hint the step shows. */
  async checkRed(title: string): Promise<string> {
    const step = await this.expand(title);
    await step.getByRole('button', { name: this.labels.check }).click();
    const verdict = this.outcome(step, 'fail');
    await verdict.waitFor({ timeout: CHECK_TIMEOUT_MS });
    return ((await verdict.textContent()) ?? '').trim();
  }

  async checkGreen(title: string): Promise<void> {
    const step = await this.expand(title);
    await step.getByRole('button', { name: this.labels.check }).click();
    await this.outcome(step, 'ok').waitFor({ timeout: CHECK_TIMEOUT_MS });
  }

  /** "Do it for me", which checks the work once done: waits for green, returns the result's text. */
  async doItForMe(title: string): Promise<string> {
    const step = await this.expand(title);
    await step.getByRole('button', { name: this.labels.automate }).click();
    await this.outcome(step, 'ok').waitFor({ timeout: CHECK_TIMEOUT_MS });
    return ((await step.getByRole('region').last().textContent()) ?? '').trim();
  }

  async markDone(title: string): Promise<void> {
    const step = await this.expand(title);
    await step.getByRole('button', { name: this.labels.markDone }).click();
    await step.getByText(this.labels.done, { exact: true }).waitFor();
  }

  /** The step's status pill says Done. */
  async isDone(title: string): Promise<boolean> {
    return (await this.step(title).getByText(this.labels.done, { exact: true }).count()) > 0;
  }

  async chooseUiLanguage(language: 'en' | 'fr'): Promise<void> {
    await this.chooseLanguage(language === 'fr' ? 'Language' : 'Langue', language);
    this.language = language;
  }

  /** A full-page picture from the top. */
  override async screenshot(name: string): Promise<string> {
    await this.page.evaluate('window.scrollTo(0, 0)');
    return super.screenshot(name);
  }
}

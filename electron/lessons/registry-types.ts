import type { z } from 'zod';
import type { AutomationContext, CheckResult, StepContext } from './context.js';

/**
 * A named, typed check or automation. Its params come from the step's front matter (placeholders
 * filled in) and are validated by its own zod object schema before it runs; `lessons:check`
 * validates them against the same schema without running anything.
 */
export interface CheckDefinition {
  name: string;
  /** One line for authors: what "green" means. */
  summary: string;
  params: z.ZodObject;
  run(context: StepContext, params: unknown): Promise<CheckResult>;
}

export interface AutomationDefinition {
  name: string;
  /** One line for authors: what it does, in the step text's terms. */
  summary: string;
  params: z.ZodObject;
  run(context: AutomationContext, params: unknown): Promise<void>;
}

export function defineCheck<Schema extends z.ZodObject>(definition: {
  name: string;
  summary: string;
  params: Schema;
  run(context: StepContext, params: z.output<Schema>): Promise<CheckResult>;
}): CheckDefinition {
  return {
    ...definition,
    run: (context, params) => definition.run(context, definition.params.parse(params)),
  };
}

export function defineAutomation<Schema extends z.ZodObject>(definition: {
  name: string;
  summary: string;
  params: Schema;
  run(context: AutomationContext, params: z.output<Schema>): Promise<void>;
}): AutomationDefinition {
  return {
    ...definition,
    run: (context, params) => definition.run(context, definition.params.parse(params)),
  };
}

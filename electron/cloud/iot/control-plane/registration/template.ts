import type { AwsError } from '../../../protocols/aws-error.js';
import { invalidRequest } from '../errors.js';

/**
 * Provisioning templates for bulk registration: `Parameters` and `Resources`, `{"Ref": …}` and the
 * intrinsic functions `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::Sub`.
 * AWS: https://docs.aws.amazon.com/iot/latest/developerguide/provision-template.html
 */

export interface TemplateParameter {
  Type?: string;
  Default?: unknown;
}

export interface TemplateResource {
  Type: 'AWS::IoT::Thing' | 'AWS::IoT::Certificate' | 'AWS::IoT::Policy';
  Properties: Record<string, unknown>;
  OverrideSettings?: Record<string, unknown>;
}

export interface ProvisioningTemplate {
  parameters: Record<string, TemplateParameter>;
  resources: Record<string, TemplateResource>;
}

const RESOURCE_TYPES = new Set(['AWS::IoT::Thing', 'AWS::IoT::Certificate', 'AWS::IoT::Policy']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checked when the task starts: a template that cannot be read fails the request, not each line. */
export function parseTemplate(body: string): ProvisioningTemplate {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw invalidRequest('The template body is not valid JSON.');
  }
  if (!isRecord(json) || !isRecord(json.Resources))
    throw invalidRequest('The template body must have a Resources section.');
  const parameters = json.Parameters ?? {};
  if (!isRecord(parameters))
    throw invalidRequest('The Parameters section of the template must be an object.');
  const resources: Record<string, TemplateResource> = {};
  for (const [name, resource] of Object.entries(json.Resources)) {
    if (!isRecord(resource) || typeof resource.Type !== 'string' || !RESOURCE_TYPES.has(resource.Type)) {
      throw invalidRequest(
        `Resource ${name} of the template has an unsupported Type; use AWS::IoT::Thing, AWS::IoT::Certificate or AWS::IoT::Policy.`,
      );
    }
    resources[name] = {
      Type: resource.Type as TemplateResource['Type'],
      Properties: isRecord(resource.Properties) ? resource.Properties : {},
      ...(isRecord(resource.OverrideSettings) && { OverrideSettings: resource.OverrideSettings }),
    };
  }
  return { parameters: parameters as Record<string, TemplateParameter>, resources };
}

/** A line's failure, reported in the ERRORS file; never a failure of the whole task. */
export const lineError = (message: string): AwsError => invalidRequest(message);

export function asString(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw lineError(`${where} must resolve to a string.`);
}

/** Evaluates `value` with the parameter values of one input line (and their defaults). */
export function resolveValue(
  value: unknown,
  template: ProvisioningTemplate,
  line: Record<string, unknown>,
): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, template, line));
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [key] = keys as [string];
    const argument = value[key];
    switch (key) {
      case 'Ref': {
        const name = asString(argument, 'Ref');
        const declared = template.parameters[name];
        if (!declared) throw lineError(`Ref ${name} does not name a parameter of the template.`);
        const given = line[name] ?? declared.Default;
        if (given === undefined || given === null)
          throw lineError(`Parameter ${name} has no value and no default.`);
        return given;
      }
      case 'Fn::Join': {
        const [delimiter, items] = resolveValue(argument, template, line) as [unknown, unknown];
        if (!Array.isArray(items)) throw lineError('Fn::Join takes a delimiter and a list.');
        return items.map((item) => asString(item, 'Fn::Join')).join(asString(delimiter, 'Fn::Join'));
      }
      case 'Fn::Select': {
        const [index, items] = resolveValue(argument, template, line) as [unknown, unknown];
        const selected = Array.isArray(items) ? items[Number(index)] : undefined;
        if (selected === undefined || selected === null)
          throw lineError('Fn::Select index is out of bounds.');
        return selected;
      }
      case 'Fn::Split': {
        const [delimiter, text] = resolveValue(argument, template, line) as [unknown, unknown];
        return asString(text, 'Fn::Split').split(asString(delimiter, 'Fn::Split'));
      }
      case 'Fn::Sub':
        return asString(argument, 'Fn::Sub').replace(/\$\{([^}]+)\}/g, (_, name: string) =>
          asString(resolveValue({ Ref: name }, template, line), name),
        );
    }
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, resolveValue(item, template, line)]),
  );
}

/**
 * Live values in lesson text, code blocks, hints, solutions and step params: `{{accountId}}` and
 * friends are replaced by the values of the running lab when a lesson is shown or a step runs.
 */

export const PLACEHOLDERS = [
  'accountId',
  'region',
  /** The local cloud's API endpoint (`http://127.0.0.1:<port>`); empty on AWS, where the SDKs know it. */
  'endpoint',
  'mqttHost',
  'mqttPort',
  /** The CA file devices trust: the lab CA offline, Amazon Root CA 1 on AWS. */
  'caFile',
  /** Appended to bucket names to make them unique: the account id. */
  'bucketSuffix',
  'mode',
  /** `<labDir>/devices`: where each device's certificate and key are kept. */
  'devicesDir',
] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];
export type LiveValues = Record<PlaceholderName, string>;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

export function isPlaceholderName(name: string): name is PlaceholderName {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/** Every `{{name}}` in a text, with its 1-based line within the text. */
export function findPlaceholders(text: string): Array<{ name: string; line: number }> {
  const found: Array<{ name: string; line: number }> = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    const line = text.slice(0, match.index).split('\n').length;
    found.push({ name, line });
  }
  return found;
}

/** Replaces the known placeholders; unknown ones stay as written (`lessons:check` reports them). */
export function substitute(text: string, values: LiveValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (isPlaceholderName(name) ? values[name] : whole));
}

/** The same, through every string of a JSON-like value (step params). */
export function substituteDeep(value: unknown, values: LiveValues): unknown {
  if (typeof value === 'string') return substitute(value, values);
  if (Array.isArray(value)) return value.map((item) => substituteDeep(item, values));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substituteDeep(item, values)]),
    );
  }
  return value;
}

/** Stand-in values for validating params without a running lab (`lessons:check`). */
export const SAMPLE_VALUES: LiveValues = {
  accountId: '123456789012',
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:4566',
  mqttHost: 'localhost',
  mqttPort: '8883',
  caFile: '/lab/pki/ca.pem',
  bucketSuffix: '123456789012',
  mode: 'offline',
  devicesDir: '/lab/devices',
};

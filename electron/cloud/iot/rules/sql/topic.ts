/** MQTT topic filters as the FROM clause uses them (AWS: iot-sql-from; MQTT 3.1.1 §4.7). */

/**
 * `+` matches exactly one level; `#` matches one or more trailing levels: AWS says `'a/#'` matches
 * "one or more particular path elements", so unlike plain MQTT it does not match `a` itself [D; V
 * for rules]. Topics are case-sensitive. A filter starting with a wildcard does not match a topic
 * starting with `$` (MQTT-4.7.2-1), so `#` never sees `$aws/…`.
 */
export function topicMatchesFilter(topic: string, filter: string): boolean {
  if (topic.length === 0 || filter.length === 0) return false;
  if (topic.startsWith('$') && (filter.startsWith('#') || filter.startsWith('+'))) return false;
  const levels = topic.split('/');
  const patterns = filter.split('/');
  for (let i = 0; i < patterns.length; i++) {
    const pattern = patterns[i];
    if (pattern === '#') return i === patterns.length - 1 && levels.length > i;
    const level = levels[i];
    if (level === undefined) return false;
    if (pattern !== '+' && pattern !== level) return false;
  }
  return levels.length === patterns.length;
}

/** Why a FROM filter is invalid, or undefined when it is fine. */
export function validateTopicFilter(filter: string): string | undefined {
  if (filter.length === 0) return 'the topic filter is empty';
  if (filter.includes('\u0000')) return 'a topic filter cannot contain the null character';
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] ?? '';
    // MQTT-4.7.1-2 and -3: '#' alone and last; '+' alone in its level.
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      return "'#' must be the whole last level of the topic filter (e.g. 'sensor/#')";
    }
    if (level.includes('+') && level !== '+')
      return "'+' must be a whole level of the topic filter (e.g. 'sensor/+/data')";
  }
  return undefined;
}

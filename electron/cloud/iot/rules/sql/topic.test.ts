import { describe, expect, it } from 'vitest';
import { topicMatchesFilter } from './index.js';

describe('topicMatchesFilter', () => {
  // iot-sql-from: 'a/#' runs for a/b, a/c and a/e/f but not b/x; 'a/+' for a/b and a/c only.
  it.each([
    ['a/b', 'a/b', true],
    ['a/c', 'a/b', false],
    ['a/b', 'a/#', true],
    ['a/c', 'a/#', true],
    ['a/e/f', 'a/#', true],
    ['b/x', 'a/#', false],
    ['a/b', 'a/+', true],
    ['a/e/f', 'a/+', false],
    ['b/x', 'a/+', false],
    // AWS-FIDELITY §1.2: '+' is exactly one level, '#' one or more ("one or more particular path elements").
    ['topic/a', 'topic/+', true],
    ['topic/a/b', 'topic/+', false],
    ['topic-2/x', 'topic/+', false],
    ['topic-2/x', 'topic/#', false],
    ['sensor', 'sensor/#', false],
    ['sensor/weather', '#', true],
    ['sensor/weather', 'sensor/weather/#', false],
    // Topics are case-sensitive.
    ['Sensor/weather', 'sensor/weather', false],
    // Empty levels are levels.
    ['a//b', 'a/+/b', true],
    ['/finance', '+/+', true],
    ['/finance', '+', false],
    // MQTT-4.7.2-1: a leading wildcard does not match $-topics; naming them does.
    ['$aws/things/t1/shadow/update', '#', false],
    ['$aws/things/t1/shadow/update', '+/things/+/shadow/update', false],
    ['$aws/things/t1/shadow/update', '$aws/things/+/shadow/update', true],
    ['', '#', false],
  ])('%s against %s: %s', (topic, filter, expected) => {
    expect(topicMatchesFilter(topic, filter)).toBe(expected);
  });
});

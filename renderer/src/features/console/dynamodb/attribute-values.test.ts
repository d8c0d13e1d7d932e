import { describe, expect, it } from 'vitest';
import { cellText, columnsOf, itemToPlain } from './attribute-values';

describe('attribute values', () => {
  const item = {
    weather_station: { S: '030910' },
    time: { S: '2022-01-01T00:00:00+00:00' },
    air_temperature: { M: { value: { N: '6.3' }, quality: { S: '1' } } },
    big: { N: '12345678901234567890' },
    flags: { L: [{ BOOL: true }, { NULL: true }] },
  };

  it('reads items as plain JSON, keeping numbers JS cannot hold as text', () => {
    expect(itemToPlain(item)).toEqual({
      weather_station: '030910',
      time: '2022-01-01T00:00:00+00:00',
      air_temperature: { value: 6.3, quality: '1' },
      big: '12345678901234567890',
      flags: [true, null],
    });
  });

  it('shows cells as short text and puts the key first', () => {
    expect(cellText(item.air_temperature)).toBe('{"value":6.3,"quality":"1"}');
    expect(cellText({ S: 'x'.repeat(100) }, 10)).toBe(`${'x'.repeat(9)}…`);
    expect(columnsOf([item], ['weather_station', 'time']).slice(0, 2)).toEqual(['weather_station', 'time']);
  });
});

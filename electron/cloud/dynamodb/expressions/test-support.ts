import { expect } from 'vitest';
import { AwsError } from '../../protocols/aws-error.js';
import type { WireItem } from '../attribute-values.js';
import { ExpressionAttributes } from './attributes.js';

/** Shared by the expression tests: attribute maps, a lab item, and "this throws that ValidationException". */

export function attributes(
  values: Record<string, unknown> = {},
  names: Record<string, string> = {},
): ExpressionAttributes {
  return new ExpressionAttributes(
    Object.keys(names).length ? names : undefined,
    Object.keys(values).length ? values : undefined,
  );
}

/** A row as the lab's DynamoDB rule writes it (weather_station/time keys, nested lists of maps). */
export const LAB_ITEM: WireItem = {
  weather_station: { S: '713060' },
  time: { S: '2022-01-15T06:00:00+00:00' },
  latitude: { N: '58.467' },
  longitude: { N: '-78.083' },
  elevation: { N: '25' },
  air_temperature_value: { N: '-31.5' },
  air_temperature_quality: { S: '1' },
  wind_speed_value: { N: '4.1' },
  weather_condition: { L: [{ M: { present_weather_condition: { S: 'Snow' } } }] },
  sky_cover_condition: {
    L: [
      { M: { coverage: { N: '2' }, base_height: { N: '457' }, cloud_type: { S: 'Stratocumulus (Sc)' } } },
      { M: { coverage: { N: '8' }, base_height: { N: '2100' }, cloud_type: { S: 'Altostratus (As)' } } },
    ],
  },
  tags: { SS: ['arctic', 'coastal'] },
  flagged: { BOOL: false },
  note: { NULL: true },
};

export function validationMessage(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(AwsError);
    expect((error as AwsError).code).toBe('ValidationException');
    return (error as AwsError).message;
  }
  throw new Error('expected a ValidationException');
}

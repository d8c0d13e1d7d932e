/**
 * Lengths of the ISD additional-data fields (ISD format document, "Additional Data Section").
 * Each field is a 3-character id (2 letters + a repeat digit, e.g. `GA1`) followed by a value of a
 * fixed length that depends on the field family. The section has no separators, so the only way to
 * find where the next field starts is to know the length of this one: an id missing from this
 * table makes the rest of the section unreadable.
 */
const VALUE_LENGTH_BY_FAMILY: ReadonlyMap<string, number> = new Map([
  // Precipitation and snow (AA–AZ)
  ['AA', 8], // liquid precipitation occurrence
  ['AB', 7], // liquid precipitation monthly total
  ['AC', 3], // precipitation observation history
  ['AD', 19], // liquid precipitation greatest amount in 24 h, for the month
  ['AE', 12], // liquid precipitation number of days with specific amounts, for the month
  ['AG', 4], // precipitation estimated observation
  ['AH', 15], // liquid precipitation maximum short duration, for the month
  ['AI', 15], // liquid precipitation maximum short duration, for the month
  ['AJ', 14], // snow depth
  ['AK', 12], // snow depth greatest on the ground, for the month
  ['AL', 7], // snow accumulation
  ['AM', 18], // snow accumulation greatest amount in 24 h, for the month
  ['AN', 9], // snow accumulation for the month
  ['AO', 8], // liquid precipitation (minutes)
  ['AP', 6], // 15-minute liquid precipitation
  ['AT', 9], // daily present weather observation
  ['AU', 8], // present weather observation (ASOS/AWOS)
  ['AW', 3], // present weather observation, automated
  ['AX', 6], // past weather observation, summary of day
  ['AY', 5], // past weather observation, manual
  ['AZ', 5], // past weather observation, automated
  // Climate Reference Network (C*)
  ['CB', 10],
  ['CF', 6],
  ['CG', 8],
  ['CH', 15],
  ['CI', 28],
  ['CR', 7],
  ['CT', 7],
  ['CU', 13],
  ['CV', 26],
  ['CW', 14],
  ['CX', 26],
  // Runway visual range, clouds and solar (E*, G*)
  ['ED', 8],
  ['GA', 13], // sky cover layer
  ['GD', 12], // sky cover summation state
  ['GE', 19], // sky condition observation
  ['GF', 23], // sky condition observation
  ['GG', 15], // below-station cloud layer
  ['GH', 28],
  ['GJ', 5],
  ['GK', 4],
  ['GL', 6],
  ['GM', 30],
  ['GN', 28],
  ['GO', 19],
  ['GP', 31],
  ['GQ', 14],
  ['GR', 14],
  // Hail, ground surface (H*, I*)
  ['HL', 4],
  ['IC', 25],
  // Temperature (K*)
  ['KA', 10], // extreme air temperature
  ['KB', 10],
  ['KC', 14],
  ['KD', 9],
  ['KE', 12],
  ['KF', 6],
  ['KG', 11],
  // Pressure and present weather (M*)
  ['MA', 12],
  ['MD', 11],
  ['ME', 6],
  ['MF', 12],
  ['MG', 12],
  ['MH', 12],
  ['MK', 24],
  ['MV', 3],
  ['MW', 3],
  // Wind (O*)
  ['OA', 8],
  ['OB', 28],
  ['OC', 5],
  ['OD', 11],
  ['OE', 16],
  // Relative humidity, sea surface, soil, waves, ice, water level
  ['RH', 9],
  ['SA', 5],
  ['ST', 17],
  ['UA', 10],
  ['UG', 9],
  ['WA', 6],
  ['WD', 20],
  ['WG', 11],
  ['WJ', 19],
]);

/** Families whose members do not share one length. */
const VALUE_LENGTH_BY_ID: ReadonlyMap<string, number> = new Map([
  ['CN1', 18],
  ['CN2', 18],
  ['CN3', 16],
  ['CN4', 19],
  ['CO1', 5],
  ['CO2', 8],
  ['CO3', 8],
  ['CO4', 8],
  ['CO5', 8],
  ['CO6', 8],
  ['CO7', 8],
  ['CO8', 8],
  ['CO9', 8],
  ['IA1', 3],
  ['IA2', 9],
  ['IB1', 27],
  ['IB2', 13],
]);

/** Length of the value that follows the 3-character id, or undefined for an unknown id. */
export function additionalFieldValueLength(fieldId: string): number | undefined {
  const exact = VALUE_LENGTH_BY_ID.get(fieldId);
  if (exact !== undefined) return exact;
  if (!/^[A-Z]{2}[1-9]$/.test(fieldId)) return undefined;
  return VALUE_LENGTH_BY_FAMILY.get(fieldId.slice(0, 2));
}

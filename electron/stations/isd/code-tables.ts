/**
 * Code tables of the ISD format document that the lab turns into text. The texts are the lab's
 * vocabulary (what students see in Athena and group by), so they must not be reworded.
 */

/**
 * AW1–AW5 "automated atmospheric condition code" (ISD format document, PRESENT-WEATHER-OBSERVATION
 * automated occurrence; WMO code table 4680 as NCEI lists it).
 */
const PRESENT_WEATHER_CONDITION: Readonly<Record<string, string>> = {
  '00': 'No significant weather observed',
  '01': 'Clouds generally dissolving or becoming less developed',
  '02': 'State of sky on the whole unchanged during the past hour',
  '03': 'Clouds generally forming or developing during the past hour',
  '04': 'Haze, smoke, or dust in suspension in the air, visibility equal to or greater than 1km',
  '05': 'Smoke',
  '07': 'Dust or sand raised by wind at or near the station at the time of observation, but no other event',
  '10': 'Mist',
  '11': 'Diamond dust',
  '12': 'Distant lightning',
  '18': 'Squalls',
  '20': 'Fog',
  '21': 'Precipitation',
  '22': 'Drizzle (not freezing) or snow grains',
  '23': 'Rain (not freezing)',
  '24': 'Snow',
  '25': 'Freezing drizzle or freezing rain',
  '26': 'Thunderstorm (with or without precipitation)',
  '27': 'Blowing or drifting snow or sand',
  '28': 'Blowing or drifting snow or sand, visibility equal to or greater than 1 km',
  '29': 'Blowing or drifting snow or sand, visibility less than 1 km',
  '30': 'Fog',
  '31': 'Fog or ice fog in patches',
  '32': 'Fog or ice fog, has become thinner during the past hour',
  '33': 'Fog or ice fog, no appreciable change during the past hour',
  '34': 'Fog or ice fog, has begun or become thicker during the past hour',
  '35': 'Fog, depositing rime',
  '40': 'Precipitation',
  '41': 'Precipitation, slight or moderate',
  '42': 'Precipitation, heavy',
  '43': 'Liquid precipitation, slight or moderate',
  '44': 'Liquid precipitation, heavy',
  '45': 'Solid precipitation, slight or moderate',
  '46': 'Solid precipitation, heavy',
  '47': 'Freezing precipitation, slight or moderate',
  '48': 'Freezing precipitation, heavy',
  '50': 'Drizzle',
  '51': 'Drizzle, not freezing, slight',
  '52': 'Drizzle, not freezing, moderate',
  '53': 'Drizzle, not freezing, heavy',
  '54': 'Drizzle, freezing, slight',
  '55': 'Drizzle, freezing, moderate',
  '56': 'Drizzle, freezing, heavy',
  '57': 'Drizzle and rain, slight',
  '58': 'Drizzle and rain, moderate or heavy',
  '60': 'Rain',
  '61': 'Rain, not freezing, slight',
  '62': 'Rain, not freezing, moderate',
  '63': 'Rain, not freezing, heavy',
  '64': 'Rain, freezing, slight',
  '65': 'Rain, freezing, moderate',
  '66': 'Rain, freezing, heavy',
  '67': 'Rain or drizzle and snow, slight',
  '68': 'Rain or drizzle and snow, moderate or heavy',
  '70': 'Snow',
  '71': 'Snow, slight',
  '72': 'Snow, moderate',
  '73': 'Snow, heavy',
  '74': 'Ice pellets, slight',
  '75': 'Ice pellets, moderate',
  '76': 'Ice pellets, heavy',
  '77': 'Snow grains',
  '78': 'Ice crystals',
  '80': 'Showers or intermittent precipitation',
  '81': 'Rain showers or intermittent rain, slight',
  '82': 'Rain showers or intermittent rain, moderate',
  '83': 'Rain showers or intermittent rain, heavy',
  '84': 'Rain showers or intermittent rain, violent',
  '85': 'Snow showers or intermittent snow, slight',
  '86': 'Snow showers or intermittent snow, moderate',
  '87': 'Snow showers or intermittent snow, heavy',
  '89': 'Hail',
  '90': 'Thunderstorm',
  '91': 'Thunderstorm, slight or moderate, with no precipitation',
  '92': 'Thunderstorm, slight or moderate, with rain showers and/or snow showers',
  '93': 'Thunderstorm, slight or moderate, with hail',
  '94': 'Thunderstorm, heavy, with no precipitation',
  '95': 'Thunderstorm, heavy, with rain showers and/or snow',
  '96': 'Thunderstorm, heavy, with hail',
  '99': 'Tornado',
};

/** Text of an AW condition code; "UNKNOWN" (the lab's word) for codes the table does not list. */
export function describePresentWeatherCondition(code: string): string {
  return PRESENT_WEATHER_CONDITION[code] ?? 'UNKNOWN';
}

/** GA1–GA6 cloud-type code (ISD format document, SKY-COVER-LAYER cloud type code). */
const CLOUD_TYPE: Readonly<Record<string, string>> = {
  '00': 'Cirrus (Ci)',
  '01': 'Cirrocumulus (Cc)',
  '02': 'Cirrostratus (Cs)',
  '03': 'Altocumulus (Ac)',
  '04': 'Altostratus (As)',
  '05': 'Nimbostratus (Ns)',
  '06': 'Stratocumulus (Sc)',
  '07': 'Stratus (St)',
  '08': 'Cumulus (Cu)',
  '09': 'Cumulonimbus (Cb)',
  // The lab's text, without the line break and indentation its Python source put in the middle.
  '10': 'Cloud not visible owing to darkness, fog, duststorm, sandstorm, or other analogous phenomena / sky obscured',
  '11': 'Not used',
  '12': 'Towering Cumulus (Tcu)',
  '13': 'Stratus fractus (Stfra)',
  '14': 'Stratocumulus Lenticular (Scsl)',
  '15': 'Cumulus Fractus (Cufra)',
  '16': 'Cumulonimbus Mammatus (Cbmam)',
  '17': 'Altocumulus Lenticular (Acsl)',
  '18': 'Altocumulus Castellanus (Accas)',
  '19': 'Altocumulus Mammatus (Acmam)',
  '20': 'Cirrocumulus Lenticular (Ccsl)',
  '21': 'Cirrus and/or Cirrocumulus',
  '22': 'Stratus and/or Fracto-stratus',
  '23': 'Cumulus and/or Fracto-cumulus',
  '99': 'MISSING',
};

/** Text of a 2-digit cloud-type code; an unlisted code is returned as is. */
export function describeCloudType(code: string): string {
  return CLOUD_TYPE[code] ?? code;
}

/**
 * AU1–AU9 PRESENT-WEATHER-OBSERVATION parts (ISD format document). An empty text means "not
 * reported": the lab leaves that key out of the message.
 */
const AU_INTENSITY: Readonly<Record<string, string>> = {
  '0': '',
  '1': 'Light',
  '2': 'Moderate',
  '3': 'Heavy',
  '4': 'Vicinity',
  '9': 'MISSING',
};
const AU_DESCRIPTOR: Readonly<Record<string, string>> = {
  '0': '',
  '1': 'Shallow',
  '2': 'Partial',
  '3': 'Patches',
  '4': 'Low Drifting',
  '5': 'Blowing',
  '6': 'Showers',
  '7': 'Thunderstorm',
  '8': 'Freezing',
  '9': 'MISSING',
};
const AU_PRECIPITATION: Readonly<Record<string, string>> = {
  '00': '',
  '01': 'Drizzle',
  '02': 'Rain',
  '03': 'Snow',
  '04': 'Snow Grains',
  '05': 'Ice Crystals',
  '06': 'Ice Pellets',
  '07': 'Hail',
  '08': 'Small Hail',
  '09': 'Unknown Precip',
  '99': 'MISSING',
};
const AU_OBSCURATION: Readonly<Record<string, string>> = {
  '0': '',
  '1': 'Mist',
  '2': 'Fog',
  '3': 'Smoke',
  '4': 'Volcanic Ash',
  '5': 'Widespread Dust',
  '6': 'Sand',
  '7': 'Haze',
  '8': 'Spray',
  '9': 'MISSING',
};

/** The four AU parts the lab reports, as codes or as texts. */
export interface WeatherOccurrenceParts {
  intensity: string;
  descriptor: string;
  precipitation: string;
  obscuration: string;
}

/** Texts of the AU parts; a code outside the table is returned as is rather than dropped. */
export function describeWeatherOccurrence(codes: WeatherOccurrenceParts): WeatherOccurrenceParts {
  return {
    intensity: AU_INTENSITY[codes.intensity] ?? codes.intensity,
    descriptor: AU_DESCRIPTOR[codes.descriptor] ?? codes.descriptor,
    precipitation: AU_PRECIPITATION[codes.precipitation] ?? codes.precipitation,
    obscuration: AU_OBSCURATION[codes.obscuration] ?? codes.obscuration,
  };
}

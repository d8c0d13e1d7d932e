import type { DescribeEndpointRequest, DescribeEndpointResponse } from '@aws-sdk/client-iot';
import type { IotContext } from '../context.js';
import { invalidRequest } from '../errors.js';

/** AWS: the legacy `iot:Data` is the default when no type is given. */
const ENDPOINT_TYPES = ['iot:Data', 'iot:Data-ATS', 'iot:CredentialProvider', 'iot:Jobs'];

/**
 * AWS answers `<prefix>-ats.iot.<region>.amazonaws.com`. Offline every type answers the lab's MQTT
 * host, a name that resolves to this computer everywhere without DNS changes and that the broker's
 * certificate covers (see the README: "DescribeEndpoint").
 */
export function DescribeEndpoint(
  context: IotContext,
  input: DescribeEndpointRequest,
): DescribeEndpointResponse {
  const type = input.endpointType ?? 'iot:Data';
  if (!ENDPOINT_TYPES.includes(type)) {
    throw invalidRequest(`Endpoint type ${type} is not valid. Valid types: ${ENDPOINT_TYPES.join(', ')}.`);
  }
  return { endpointAddress: context.endpointHost };
}

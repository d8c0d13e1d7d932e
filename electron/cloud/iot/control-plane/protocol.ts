import type { ServiceEndpoint } from '../../gateway/types.js';
import { createRestJsonService } from '../../protocols/rest-json.js';
import type { IotContext } from './context.js';
import { registryRoutes } from './routes/registry-routes.js';
import { ruleRoutes } from './routes/rule-routes.js';
import { securityRoutes } from './routes/security-routes.js';

/**
 * AWS IoT control plane, restJson1: method + path → operation, input members bound to labels, query,
 * headers and the JSON body exactly as the 2015-05-28 model binds them (read from
 * `@aws-sdk/client-iot`'s schemas: `{ http: [method, path] }`, `httpQuery`, `httpHeader`).
 */
export function createIotEndpoint(context: IotContext): ServiceEndpoint {
  return createRestJsonService({
    // AWS: botocore's endpoints.json scopes IoT credentials to `execute-api` (the AWS CLI signs so);
    // the SDKs sign with the model's `iot`. AWS IoT accepts both.
    signingNames: ['iot', 'execute-api'],
    routes: [...registryRoutes(context), ...securityRoutes(context), ...ruleRoutes(context)],
  });
}

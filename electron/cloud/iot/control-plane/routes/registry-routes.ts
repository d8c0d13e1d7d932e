import type * as Iot from '@aws-sdk/client-iot';
import type { RestJsonRoute } from '../../../protocols/rest-json.js';
import type { IotContext } from '../context.js';
import { DescribeEndpoint } from '../operations/endpoint.js';
import * as principals from '../operations/principals.js';
import * as tasks from '../operations/registration-tasks.js';
import * as thingTypes from '../operations/thing-types.js';
import * as things from '../operations/things.js';
import {
  body,
  callerBaseUrl,
  header,
  label,
  query,
  queryBoolean,
  queryInteger,
  registryPage,
  toRoutes,
} from './bindings.js';

/** Things, thing types, thing principals, the endpoint and bulk registration. */
export function registryRoutes(c: IotContext): RestJsonRoute[] {
  return toRoutes([
    // Things
    [
      'POST',
      '/things/{thingName}',
      'CreateThing',
      (i) => things.CreateThing(c, body<Iot.CreateThingRequest>(i)),
    ],
    [
      'GET',
      '/things/{thingName}',
      'DescribeThing',
      (i) => things.DescribeThing(c, { thingName: label(i, 'thingName') }),
    ],
    [
      'PATCH',
      '/things/{thingName}',
      'UpdateThing',
      (i) => things.UpdateThing(c, body<Iot.UpdateThingRequest>(i)),
    ],
    [
      'DELETE',
      '/things/{thingName}',
      'DeleteThing',
      (i) =>
        things.DeleteThing(c, {
          thingName: label(i, 'thingName'),
          expectedVersion: queryInteger(i, 'expectedVersion'),
        }),
    ],
    [
      'GET',
      '/things',
      'ListThings',
      (i) =>
        things.ListThings(c, {
          ...registryPage(i),
          attributeName: query(i, 'attributeName'),
          attributeValue: query(i, 'attributeValue'),
          thingTypeName: query(i, 'thingTypeName'),
          usePrefixAttributeValue: queryBoolean(i, 'usePrefixAttributeValue'),
        }),
    ],
    // Thing types
    [
      'POST',
      '/thing-types/{thingTypeName}',
      'CreateThingType',
      (i) => thingTypes.CreateThingType(c, body<Iot.CreateThingTypeRequest>(i)),
    ],
    [
      'GET',
      '/thing-types/{thingTypeName}',
      'DescribeThingType',
      (i) => thingTypes.DescribeThingType(c, { thingTypeName: label(i, 'thingTypeName') }),
    ],
    [
      'GET',
      '/thing-types',
      'ListThingTypes',
      (i) => thingTypes.ListThingTypes(c, { ...registryPage(i), thingTypeName: query(i, 'thingTypeName') }),
    ],
    [
      'POST',
      '/thing-types/{thingTypeName}/deprecate',
      'DeprecateThingType',
      (i) => thingTypes.DeprecateThingType(c, body<Iot.DeprecateThingTypeRequest>(i)),
    ],
    [
      'DELETE',
      '/thing-types/{thingTypeName}',
      'DeleteThingType',
      (i) => thingTypes.DeleteThingType(c, { thingTypeName: label(i, 'thingTypeName') }),
    ],
    // Thing principals
    [
      'PUT',
      '/things/{thingName}/principals',
      'AttachThingPrincipal',
      (i) =>
        principals.AttachThingPrincipal(c, {
          thingName: label(i, 'thingName'),
          principal: header(i, 'x-amzn-principal'),
          thingPrincipalType: query(i, 'thingPrincipalType') as Iot.ThingPrincipalType | undefined,
        }),
    ],
    [
      'DELETE',
      '/things/{thingName}/principals',
      'DetachThingPrincipal',
      (i) =>
        principals.DetachThingPrincipal(c, {
          thingName: label(i, 'thingName'),
          principal: header(i, 'x-amzn-principal'),
        }),
    ],
    [
      'GET',
      '/things/{thingName}/principals',
      'ListThingPrincipals',
      (i) => principals.ListThingPrincipals(c, { ...registryPage(i), thingName: label(i, 'thingName') }),
    ],
    [
      'GET',
      '/things/{thingName}/principals-v2',
      'ListThingPrincipalsV2',
      (i) =>
        principals.ListThingPrincipalsV2(c, {
          ...registryPage(i),
          thingName: label(i, 'thingName'),
          thingPrincipalType: query(i, 'thingPrincipalType') as Iot.ThingPrincipalType | undefined,
        }),
    ],
    [
      'GET',
      '/principals/things',
      'ListPrincipalThings',
      (i) =>
        principals.ListPrincipalThings(c, { ...registryPage(i), principal: header(i, 'x-amzn-principal') }),
    ],
    [
      'GET',
      '/principals/things-v2',
      'ListPrincipalThingsV2',
      (i) =>
        principals.ListPrincipalThingsV2(c, {
          ...registryPage(i),
          principal: header(i, 'x-amzn-principal'),
          thingPrincipalType: query(i, 'thingPrincipalType') as Iot.ThingPrincipalType | undefined,
        }),
    ],
    // Endpoint
    [
      'GET',
      '/endpoint',
      'DescribeEndpoint',
      (i) => DescribeEndpoint(c, { endpointType: query(i, 'endpointType') }),
    ],
    // Bulk registration
    [
      'POST',
      '/thing-registration-tasks',
      'StartThingRegistrationTask',
      (i) => tasks.StartThingRegistrationTask(c, body<Iot.StartThingRegistrationTaskRequest>(i)),
    ],
    [
      'GET',
      '/thing-registration-tasks/{taskId}',
      'DescribeThingRegistrationTask',
      (i) => tasks.DescribeThingRegistrationTask(c, { taskId: label(i, 'taskId') }),
    ],
    [
      'GET',
      '/thing-registration-tasks',
      'ListThingRegistrationTasks',
      (i) =>
        tasks.ListThingRegistrationTasks(c, {
          ...registryPage(i),
          status: query(i, 'status') as Iot.Status | undefined,
        }),
    ],
    [
      'GET',
      '/thing-registration-tasks/{taskId}/reports',
      'ListThingRegistrationTaskReports',
      (i) =>
        tasks.ListThingRegistrationTaskReports(
          c,
          {
            ...registryPage(i),
            taskId: label(i, 'taskId'),
            reportType: query(i, 'reportType') as Iot.ReportType,
          },
          callerBaseUrl(i),
        ),
    ],
    [
      'PUT',
      '/thing-registration-tasks/{taskId}/cancel',
      'StopThingRegistrationTask',
      (i) => tasks.StopThingRegistrationTask(c, { taskId: label(i, 'taskId') }),
    ],
  ]);
}

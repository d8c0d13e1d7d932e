import type * as Iot from '@aws-sdk/client-iot';
import type { RestJsonRoute } from '../../../protocols/rest-json.js';
import type { IotContext } from '../context.js';
import * as certificates from '../operations/certificates.js';
import * as attachments from '../operations/policy-attachments.js';
import * as policies from '../operations/policies.js';
import { body, header, label, markerPage, query, queryBoolean, versionLabels, toRoutes } from './bindings.js';

/** Certificates, policies and their attachments. */
export function securityRoutes(c: IotContext): RestJsonRoute[] {
  return toRoutes([
    // Certificates
    [
      'POST',
      '/keys-and-certificate',
      'CreateKeysAndCertificate',
      (i) => certificates.CreateKeysAndCertificate(c, { setAsActive: queryBoolean(i, 'setAsActive') }),
    ],
    [
      'POST',
      '/certificates',
      'CreateCertificateFromCsr',
      (i) =>
        certificates.CreateCertificateFromCsr(
          c,
          body<Iot.CreateCertificateFromCsrRequest>(i, { setAsActive: queryBoolean(i, 'setAsActive') }),
        ),
    ],
    [
      'POST',
      '/certificate/register-no-ca',
      'RegisterCertificateWithoutCA',
      (i) => certificates.RegisterCertificateWithoutCA(c, body<Iot.RegisterCertificateWithoutCARequest>(i)),
    ],
    [
      'GET',
      '/certificates/{certificateId}',
      'DescribeCertificate',
      (i) => certificates.DescribeCertificate(c, { certificateId: label(i, 'certificateId') }),
    ],
    ['GET', '/certificates', 'ListCertificates', (i) => certificates.ListCertificates(c, markerPage(i))],
    [
      'PUT',
      '/certificates/{certificateId}',
      'UpdateCertificate',
      (i) =>
        certificates.UpdateCertificate(c, {
          certificateId: label(i, 'certificateId'),
          newStatus: query(i, 'newStatus') as Iot.CertificateStatus,
        }),
    ],
    [
      'DELETE',
      '/certificates/{certificateId}',
      'DeleteCertificate',
      (i) =>
        certificates.DeleteCertificate(c, {
          certificateId: label(i, 'certificateId'),
          forceDelete: queryBoolean(i, 'forceDelete'),
        }),
    ],
    // Policies and their versions
    [
      'POST',
      '/policies/{policyName}',
      'CreatePolicy',
      (i) => policies.CreatePolicy(c, body<Iot.CreatePolicyRequest>(i)),
    ],
    [
      'GET',
      '/policies/{policyName}',
      'GetPolicy',
      (i) => policies.GetPolicy(c, { policyName: label(i, 'policyName') }),
    ],
    ['GET', '/policies', 'ListPolicies', (i) => policies.ListPolicies(c, markerPage(i))],
    [
      'DELETE',
      '/policies/{policyName}',
      'DeletePolicy',
      (i) => policies.DeletePolicy(c, { policyName: label(i, 'policyName') }),
    ],
    [
      'POST',
      '/policies/{policyName}/version',
      'CreatePolicyVersion',
      (i) =>
        policies.CreatePolicyVersion(
          c,
          body<Iot.CreatePolicyVersionRequest>(i, { setAsDefault: queryBoolean(i, 'setAsDefault') }),
        ),
    ],
    [
      'GET',
      '/policies/{policyName}/version',
      'ListPolicyVersions',
      (i) => policies.ListPolicyVersions(c, { policyName: label(i, 'policyName') }),
    ],
    [
      'GET',
      '/policies/{policyName}/version/{policyVersionId}',
      'GetPolicyVersion',
      (i) => policies.GetPolicyVersion(c, versionLabels(i)),
    ],
    [
      'PATCH',
      '/policies/{policyName}/version/{policyVersionId}',
      'SetDefaultPolicyVersion',
      (i) => policies.SetDefaultPolicyVersion(c, versionLabels(i)),
    ],
    [
      'DELETE',
      '/policies/{policyName}/version/{policyVersionId}',
      'DeletePolicyVersion',
      (i) => policies.DeletePolicyVersion(c, versionLabels(i)),
    ],
    // Policy attachments
    [
      'PUT',
      '/target-policies/{policyName}',
      'AttachPolicy',
      (i) => attachments.AttachPolicy(c, body<Iot.AttachPolicyRequest>(i)),
    ],
    [
      'POST',
      '/target-policies/{policyName}',
      'DetachPolicy',
      (i) => attachments.DetachPolicy(c, body<Iot.DetachPolicyRequest>(i)),
    ],
    [
      'PUT',
      '/principal-policies/{policyName}',
      'AttachPrincipalPolicy',
      (i) =>
        attachments.AttachPrincipalPolicy(c, {
          policyName: label(i, 'policyName'),
          principal: header(i, 'x-amzn-iot-principal'),
        }),
    ],
    [
      'DELETE',
      '/principal-policies/{policyName}',
      'DetachPrincipalPolicy',
      (i) =>
        attachments.DetachPrincipalPolicy(c, {
          policyName: label(i, 'policyName'),
          principal: header(i, 'x-amzn-iot-principal'),
        }),
    ],
    [
      'GET',
      '/principal-policies',
      'ListPrincipalPolicies',
      (i) =>
        attachments.ListPrincipalPolicies(c, {
          ...markerPage(i),
          principal: header(i, 'x-amzn-iot-principal'),
        }),
    ],
    [
      'POST',
      '/attached-policies/{target}',
      'ListAttachedPolicies',
      (i) =>
        attachments.ListAttachedPolicies(c, {
          ...markerPage(i),
          target: label(i, 'target'),
          recursive: queryBoolean(i, 'recursive'),
        }),
    ],
    [
      'POST',
      '/policy-targets/{policyName}',
      'ListTargetsForPolicy',
      (i) => attachments.ListTargetsForPolicy(c, { ...markerPage(i), policyName: label(i, 'policyName') }),
    ],
    [
      'GET',
      '/policy-principals',
      'ListPolicyPrincipals',
      (i) =>
        attachments.ListPolicyPrincipals(c, { ...markerPage(i), policyName: header(i, 'x-amzn-iot-policy') }),
    ],
  ]);
}
